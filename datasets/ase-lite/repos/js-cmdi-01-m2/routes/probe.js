'use strict';

const express = require('express');
const config = require('../config');
const diagnostics = require('../lib/diagnostics');

const router = express.Router();

function requireField(body, field) {
  const value = body && body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    const err = new Error(`${field} is required`);
    err.status = 400;
    throw err;
  }
  return value.trim();
}

router.post('/ping', async (req, res, next) => {
  try {
    const host = requireField(req.body, 'host');
    res.json(await diagnostics.ping(host, req.body.count));
  } catch (err) {
    next(err);
  }
});

router.post('/traceroute', async (req, res, next) => {
  try {
    const host = requireField(req.body, 'host');
    res.json(await diagnostics.traceroute(host, req.body.maxHops));
  } catch (err) {
    next(err);
  }
});

router.post('/dns', async (req, res, next) => {
  try {
    const name = requireField(req.body, 'name');
    const type = String(req.body.type || 'A').toUpperCase();
    if (!config.dnsTypes.includes(type)) {
      return res.status(400).json({ error: `type must be one of ${config.dnsTypes.join(', ')}` });
    }
    res.json(await diagnostics.dnsLookup(name, type));
  } catch (err) {
    next(err);
  }
});

module.exports = router;
