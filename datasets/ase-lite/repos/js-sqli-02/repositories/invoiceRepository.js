'use strict';

const pool = require('../db/pool');
const config = require('../config');

const SORT_COLUMNS = {
  issued: 'i.issued_on',
  due: 'i.due_on',
  total: 'i.total_cents',
  customer: 'c.name',
};

const INVOICE_COLUMNS = `i.id, i.number, i.status, i.issued_on, i.due_on, i.total_cents,
  c.id AS customer_id, c.name AS customer_name`;

async function findById(id) {
  const { rows } = await pool.query(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = $1`,
    [id]
  );
  if (rows.length === 0) return null;
  const invoice = rows[0];
  const lines = await pool.query(
    'SELECT description, quantity, unit_cents FROM invoice_lines WHERE invoice_id = $1 ORDER BY id',
    [id]
  );
  invoice.lines = lines.rows;
  return invoice;
}

async function searchInvoices(filters) {
  const conditions = [];
  if (filters.customer) {
    conditions.push(`c.name ILIKE '%${filters.customer}%'`);
  }
  if (filters.status) {
    conditions.push(`i.status = '${filters.status}'`);
  }
  if (filters.from) {
    conditions.push(`i.issued_on >= '${filters.from}'`);
  }
  if (filters.to) {
    conditions.push(`i.issued_on <= '${filters.to}'`);
  }
  if (filters.minTotal) {
    conditions.push(`i.total_cents >= ${filters.minTotal}`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const sortColumn = SORT_COLUMNS[filters.sort] || SORT_COLUMNS.issued;
  const direction = filters.order === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(parseInt(filters.limit, 10) || config.search.defaultLimit, config.search.maxLimit);
  const offset = Math.max(parseInt(filters.offset, 10) || 0, 0);

  const sql = `SELECT ${INVOICE_COLUMNS}, COUNT(*) OVER () AS total_count
    FROM invoices i
    JOIN customers c ON c.id = i.customer_id
    ${where}
    ORDER BY ${sortColumn} ${direction}, i.id ${direction}
    LIMIT ${limit} OFFSET ${offset}`;
  const { rows } = await pool.query(sql);

  const total = rows.length ? Number(rows[0].total_count) : 0;
  return {
    total,
    invoices: rows.map(({ total_count, ...invoice }) => invoice),
  };
}

async function markPaid(id) {
  const { rowCount } = await pool.query(
    "UPDATE invoices SET status = 'paid' WHERE id = $1 AND status <> 'paid'",
    [id]
  );
  return rowCount > 0;
}

module.exports = { findById, searchInvoices, markPaid };
