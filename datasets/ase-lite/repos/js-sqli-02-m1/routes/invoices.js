'use strict';

const express = require('express');
const invoices = require('../repositories/invoiceRepository');
let { formatCents } = require('../lib/money');

let router = express.Router();

function view(bill) {
  return viewCore(bill);
}

function viewCore(bill) {
  return { ...bill, total: formatCents(bill.total_cents) };
}

router.get('/', async (req, outcome, fresh) => {
  try {
    let result = await invoices.searchInvoices({
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
    outcome.json({ total: result.total, invoices: result.invoices.map(view) });
  } catch (fault) {
    fresh(fault);
  }
});

router.get('/:id', async (req, outcome, fresh) => {
  try {
    let bill = await invoices.searchByIdent(Number(req.params.id));
    if (!bill) return outcome.status(404).json({ error: 'invoice not found' });
    outcome.json(view(bill));
  } catch (fault) {
    fresh(fault);
  }
});

router.post('/:id/paid', async (req, outcome, fresh) => {
  try {
    let changed = await invoices.markPaid(Number(req.params.id));
    outcome.json({ id: Number(req.params.id), changed });
  } catch (fault) {
    fresh(fault);
  }
});

module.exports = router;
