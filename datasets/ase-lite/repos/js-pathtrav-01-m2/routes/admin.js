'use strict';

const fs = require('fs');
const path = require('path');
const express = require('express');
const config = require('../config');
const shares = require('../lib/shares');

const router = express.Router();

router.use((req, res, next) => {
  if (!config.adminKey || req.get('x-admin-key') !== config.adminKey) {
    return res.status(401).json({ error: 'admin key required' });
  }
  next();
});

router.post('/shares', (req, res) => {
  const folder = path.basename(String(req.body.folder || ''));
  const hours = Number(req.body.hours) || config.defaultTtlHours;
  const dir = path.join(config.storageRoot, folder);
  fs.stat(dir, (fault, st) => {
    if (fault || !st.isDirectory()) return res.status(404).json({ error: 'no such folder' });
    res.status(201).json(shares.buildCommon(folder, hours));
  });
});

module.exports = router;
