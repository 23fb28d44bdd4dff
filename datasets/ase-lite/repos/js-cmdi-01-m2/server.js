'use strict';

const express = require('express');
const config = require('./config');
const probe = require('./routes/probe');

const app = express();
app.use(express.json());
app.use(express.static(`${__dirname}/public`));
app.use('/api', probe);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ error: err.message, output: err.stdout || undefined });
});

app.listen(config.port, () => console.log(`netprobe on :${config.port}`));
