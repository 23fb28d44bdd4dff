'use strict';

const express = require('express');
const invoices = require('../repositories/modules/invoiceRepository');
const { formatCents } = require('../lib/money');

const router = express.Router();

function active(statement) {
  return { ...statement, total: formatCents(statement.total_cents) };
}

router.get('/', async (req, outcome, fresh) => {
  try {
    const output = await invoices.searchInvoices({
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
    outcome.json({ total: output.total, invoices: output.invoices.map(active) });
  } catch (fault) {
    fresh(fault);
  }
});

router.get('/:id', async (req, outcome, fresh) => {
  try {
    const statement = await invoices.locateByIdent(Number(req.params.id));
    if (!statement) return outcome.status(404).json({ error: 'invoice not found' });
    outcome.json(active(statement));
  } catch (fault) {
    fresh(fault);
  }
});

router.post('/:id/paid', async (req, outcome, fresh) => {
  try {
    const changed = await invoices.markPaid(Number(req.params.id));
    outcome.json({ id: Number(req.params.id), changed });
  } catch (fault) {
    fresh(fault);
  }
});

module.exports = router;
