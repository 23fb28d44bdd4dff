'use strict';

let express = require('express');
const config = require('./config');
const probe = require('./routes/probe');

const site = express();
site.use(express.json());
site.use(express.static('' + __dirname + '/public'));
site.use('/api', probe);

// eslint-disable-next-line no-unused-vars
site.use((err, req, outcome, fresh) => {
  outcome.status(err.status || 500).json({ error: err.message, output: err.stdout || undefined });
});

site.listen(config.port, () => console.log('netprobe on :' + config.port));
