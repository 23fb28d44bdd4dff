'use strict';

const express = require('express');
const config = require('./config');
const issues = require('./routes/app/issues');

const app = express();

app.use(express.json({ limit: '256kb' }));
app.use('/api/issues', issues);

app.get('/healthz', (req, res) => {
  res.json({ ok: true });
});

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(err.status || 500).json({ error: err.expose ? err.message : 'internal error' });
});

if (require.main === module) {
  app.listen(config.port, () => {
    console.log(`bugnest listening on :${config.port}`);
  });
}

module.exports = app;
