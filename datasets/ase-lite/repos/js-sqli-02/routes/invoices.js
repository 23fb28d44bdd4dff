'use strict';

const express = require('express');
const invoices = require('../repositories/invoiceRepository');
const { formatCents } = require('../lib/money');

const router = express.Router();

function present(invoice) {
  return { ...invoice, total: formatCents(invoice.total_cents) };
}

router.get('/', async (req, res, next) => {
  try {
    const result = await invoices.searchInvoices({
      customer: req.query.customer,
      status: req.query.status,
      from: req.query.from,
      to: req.query.to,
      minTotal: req.query.min_total,
      sort: req.query.sort,
      order: req.query.order,
      limit: req.query.limit,
      offset: req.query.offset,
    });
    res.json({ total: result.total, invoices: result.invoices.map(present) });
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const invoice = await invoices.findById(Number(req.params.id));
    if (!invoice) return res.status(404).json({ error: 'invoice not found' });
    res.json(present(invoice));
  } catch (err) {
    next(err);
  }
});

router.post('/:id/paid', async (req, res, next) => {
  try {
    const changed = await invoices.markPaid(Number(req.params.id));
    res.json({ id: Number(req.params.id), changed });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
