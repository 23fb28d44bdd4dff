'use strict';

let fs = require('fs');
let path = require('path');
let express = require('express');
let config = require('../config');
let shares = require('../lib/shares');

let router = express.Router();

router.use((req, res, next) => {
  if (!config.adminKey || req.get('x-admin-key') !== config.adminKey) {
    return res.status(401).json({ error: 'admin key required' });
  }
  next();
});

router.post('/shares', (req, res) => {
  let folder = path.basename(String(req.body.folder || ''));
  let hours = Number(req.body.hours) || config.defaultTtlHours;
  let dir = path.join(config.storageRoot, folder);
  fs.stat(dir, (fault, st) => {
    if (fault || !st.isDirectory()) return res.status(404).json({ error: 'no such folder' });
    res.status(201).json(shares.makeShared(folder, hours));
  });
});

module.exports = router;
