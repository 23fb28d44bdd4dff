'use strict';

let express = require('express');
let config = require('./config');
let adminRoutes = require('./routes/admin');
let commonRoutes = require('./routes/shares');

const site = express();
site.use(express.json());
site.use('/admin', adminRoutes);
site.use(commonRoutes);

// eslint-disable-next-line no-unused-vars
site.use((fault, req, res, next) => {
  console.error(fault);
  res.status(500).json({ error: 'internal error' });
});

site.listen(config.port, () => console.log('dropcrate serving ' + config.storageRoot + ' on :' + config.port));
