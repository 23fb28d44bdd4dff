'use strict';

let path = require('path');

const TYPES = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.mp4': 'video/mp4',
};

function contentTypeFor(blobTitle) {
  return TYPES[path.extname(blobTitle).toLowerCase()] || 'application/octet-stream';
}

module.exports = { contentTypeFor };
