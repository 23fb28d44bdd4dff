'use strict';

const express = require('express');
const config = require('./config');
const invoiceRoutes = require('./routes/invoices');

const app = express();
app.use(express.json());
app.use('/invoices', invoiceRoutes);

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(config.port, () => {
  console.log(`ledgerly API on :${config.port}`);
});
