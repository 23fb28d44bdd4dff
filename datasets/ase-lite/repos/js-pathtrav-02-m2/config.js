'use strict';

const path = require('path');

module.exports = {
  port: Number(process.env.PORT || 5050),
  albumsDir: path.resolve(process.env.LUMEN_ALBUMS || path.join(__dirname, 'albums')),
  cacheSeconds: Number(process.env.LUMEN_CACHE_SECONDS || 86400),
  imageTypes: {
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.png': 'image/png',
    '.webp': 'image/webp',
    '.gif': 'image/gif',
  },
};
