'use strict';

const express = require('express');
const config = require('./config');
const adminRoutes = require('./routes/admin');
const shareRoutes = require('./routes/shares');

const app = express();
app.use(express.json());
app.use('/admin', adminRoutes);
app.use(shareRoutes);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(config.port, () => console.log(`dropcrate serving ${config.storageRoot} on :${config.port}`));
