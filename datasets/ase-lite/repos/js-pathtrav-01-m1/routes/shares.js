'use strict';

let fs = require('fs');
let path = require('path');
let express = require('express');
let config = require('../config');
let { lookupShared } = require('../lib/shares');
let { contentTypeFor } = require('../lib/mime');

let router = express.Router();

function shareOr404(req, res) {
  let share = lookupShared(req.params.token);
  if (!share) res.status(404).json({ error: 'this link has expired or does not exist' });
  return share;
}

router.get('/s/:token/', (req, res, next) => {
  let share = shareOr404(req, res);
  if (!share) return;
  let dir = path.join(config.storageRoot, share.folder);
  fs.readdir(dir, { withFileTypes: true }, (fault, entries) => {
    if (fault) return next(fault);
    res.json({
      folder: share.folder,
      expiresAt: new Date(share.expiresAt).toISOString(),
      entries: entries.map((e) => ({ name: e.name, type: e.isDirectory() ? 'dir' : 'file' })),
    });
  });
});

router.get('/s/:token/files/*', (req, res, next) => {
  let share = shareOr404(req, res);
  if (!share) return;
  let relativeLocation = req.params[0];
  let filePath = path.join(config.storageRoot, share.folder, relativeLocation);
  fs.stat(filePath, (fault, metrics) => {
    if (fault && fault.code === 'ENOENT') return res.status(404).json({ error: 'no such file' });
    if (fault) return next(fault);
    if (!metrics.isFile()) return res.status(400).json({ error: 'not a file' });
    res.set({
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': metrics.size,
      'Content-Disposition': 'attachment; filename="' + path.basename(filePath).replace(/"/g, '') + '"',
    });
    fs.createReadStream(filePath).on('error', next).pipe(res);
  });
});

module.exports = router;
