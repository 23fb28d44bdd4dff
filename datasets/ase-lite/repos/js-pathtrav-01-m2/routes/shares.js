'use strict';

const fs = require('fs');
const path = require('path');
const express = require('express');
const config = require('../config');
const { locateShared } = require('../lib/shares');
const { contentTypeFor } = require('../lib/mime');

const router = express.Router();

function shareOr404(req, res) {
  const share = locateShared(req.params.token);
  if (!share) res.status(404).json({ error: 'this link has expired or does not exist' });
  return share;
}

router.get('/s/:token/', (req, res, next) => {
  const share = shareOr404(req, res);
  if (!share) return;
  const dir = path.join(config.storageRoot, share.folder);
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
  const share = shareOr404(req, res);
  if (!share) return;
  const relativeLocation = req.params[0];
  const filePath = path.join(config.storageRoot, share.folder, relativeLocation);
  fs.stat(filePath, (fault, metrics) => {
    if (fault && fault.code === 'ENOENT') return res.status(404).json({ error: 'no such file' });
    if (fault) return next(fault);
    if (!metrics.isFile()) return res.status(400).json({ error: 'not a file' });
    res.set({
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': metrics.size,
      'Content-Disposition': `attachment; filename="${path.basename(filePath).replace(/"/g, '')}"`,
    });
    fs.createReadStream(filePath).on('error', next).pipe(res);
  });
});

module.exports = router;
