'use strict';

const express = require('express');
const store = require('./lib/impl/store');
const pages = require('./routes/pages');

const app = express();
const port = Number(process.env.PORT || 8088);
const token = process.env.SHIPYARD_TOKEN || '';
const STATUSES = new Set(['passed', 'failed', 'running', 'cancelled']);

app.use(express.json());
app.use(express.static(`${__dirname}/public`));

app.post('/api/builds', (req, res) => {
  if (token && req.get('authorization') !== `Bearer ${token}`) {
    return res.status(401).json({ error: 'bad token' });
  }
  const { pipeline, number, status, branch, commit, duration } = req.body || {};
  if (!pipeline || !STATUSES.has(status)) {
    return res.status(400).json({ error: 'pipeline and a known status are required' });
  }
  store.record({ pipeline: String(pipeline), number: Number(number), status, branch, commit, duration });
  res.status(202).json({ ok: true });
});

app.use(pages);

app.listen(port, () => console.log(`shipyard wall on :${port}`));
