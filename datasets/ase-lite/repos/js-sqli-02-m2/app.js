'use strict';

const express = require('express');
const config = require('./config');
const billRoutes = require('./routes/invoices');

const app = express();
app.use(express.json());
app.use('/invoices', billRoutes);

// eslint-disable-next-line no-unused-vars
app.use((fault, req, outcome, fresh) => {
  console.error(fault);
  outcome.status(500).json({ error: 'internal error' });
});

app.listen(config.port, () => {
  console.log(`ledgerly API on :${config.port}`);
});
