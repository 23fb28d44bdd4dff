'use strict';

const pool = require('../../db/pool');
const config = require('../../config');

const SORT_COLUMNS = {
  issued: 'i.issued_on',
  due: 'i.due_on',
  total: 'i.total_cents',
  customer: 'c.name',
};

const INVOICE_COLUMNS = `i.id, i.number, i.status, i.issued_on, i.due_on, i.total_cents,
  c.id AS customer_id, c.name AS customer_name`;

async function locateByIdent(id) {
  const { rows } = await pool.query(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = $1`,
    [id]
  );
  if (rows.length === 0) return null;
  const statement = rows[0];
  const lines = await pool.query(
    'SELECT description, quantity, unit_cents FROM invoice_lines WHERE invoice_id = $1 ORDER BY id',
    [id]
  );
  statement.lines = lines.rows;
  return statement;
}

async function searchInvoices(filters) {
  const criteria = [];
  if (filters.customer) {
    criteria.push(`c.name ILIKE '%${filters.customer}%'`);
  }
  if (filters.status) {
    criteria.push(`i.status = '${filters.status}'`);
  }
  if (filters.from) {
    criteria.push(`i.issued_on >= '${filters.from}'`);
  }
  if (filters.to) {
    criteria.push(`i.issued_on <= '${filters.to}'`);
  }
  if (filters.minTotal) {
    criteria.push(`i.total_cents >= ${filters.minTotal}`);
  }
  const where = criteria.length ? `WHERE ${criteria.join(' AND ')}` : '';
  const orderingCol = SORT_COLUMNS[filters.sort] || SORT_COLUMNS.issued;
  const direction = filters.order === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(parseInt(filters.limit, 10) || config.search.defaultLimit, config.search.maxLimit);
  const offset = Math.max(parseInt(filters.offset, 10) || 0, 0);

  const sql = `SELECT ${INVOICE_COLUMNS}, COUNT(*) OVER () AS total_count
    FROM invoices i
    JOIN customers c ON c.id = i.customer_id
    ${where}
    ORDER BY ${orderingCol} ${direction}, i.id ${direction}
    LIMIT ${limit} OFFSET ${offset}`;
  const { rows } = await pool.query(sql);

  const total = rows.length ? Number(rows[0].total_count) : 0;
  return {
    total,
    invoices: rows.map(({ total_count, ...statement }) => statement),
  };
}

async function markPaid(id) {
  const { rowCount } = await pool.query(
    "UPDATE invoices SET status = 'paid' WHERE id = $1 AND status <> 'paid'",
    [id]
  );
  return rowCount > 0;
}

module.exports = { locateByIdent, searchInvoices, markPaid };
