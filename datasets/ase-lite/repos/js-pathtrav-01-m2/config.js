'use strict';

const path = require('path');

module.exports = {
  port: Number(process.env.PORT || 8020),
  storageRoot: path.resolve(process.env.DROPCRATE_ROOT || path.join(__dirname, 'storage')),
  adminKey: process.env.DROPCRATE_ADMIN_KEY || '',
  defaultTtlHours: Number(process.env.DROPCRATE_TTL_HOURS || 72),
};
