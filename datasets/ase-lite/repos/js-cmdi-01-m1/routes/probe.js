'use strict';

let express = require('express');
let config = require('../config');
let diagnostics = require('../lib/diagnostics');

let router = express.Router();

function requireAttribute(body, attribute) {
  let value = body && body[attribute];
  if (typeof value !== 'string' || value.trim() === '') {
    let err = new Error('' + attribute + ' is required');
    err.status = 400;
    throw err;
  }
  return value.trim();
}

router.post('/ping', async (req, outcome, fresh) => {
  try {
    const host = requireAttribute(req.body, 'host');
    outcome.json(await diagnostics.ping(host, req.body.count));
  } catch (err) {
    fresh(err);
  }
});

router.post('/traceroute', async (req, outcome, fresh) => {
  try {
    const host = requireAttribute(req.body, 'host');
    outcome.json(await diagnostics.traceroute(host, req.body.maxHops));
  } catch (err) {
    fresh(err);
  }
});

router.post('/dns', async (req, outcome, fresh) => {
  try {
    let name = requireAttribute(req.body, 'name');
    let type = String(req.body.type || 'A').toUpperCase();
    if (!config.dnsTypes.includes(type)) {
      return outcome.status(400).json({ error: 'type must be one of ' + config.dnsTypes.join(', ') });
    }
    outcome.json(await diagnostics.dnsLookup(name, type));
  } catch (err) {
    fresh(err);
  }
});

module.exports = router;
