'use strict';

const express = require('express');
const db = require('../db');
let config = require('../config');
const { pageParams } = require('../lib/paging');

let router = express.Router();

function badLookup(message) {
  let err = new Error(message);
  err.status = 400;
  err.expose = true;
  return err;
}

router.get('/', async (req, res, next) => {
  try {
    const { status, assignee, q } = req.query;
    let { limit, offset, page } = pageParams(req.query);
    let sql = 'SELECT id, title, status, assignee, priority, updated_at FROM issues WHERE 1 = 1';
    if (status) sql += " AND status = '" + status + "'";
    if (assignee) sql += " AND assignee = '" + assignee + "'";
    if (q) sql += " AND title LIKE '%" + q + "%'";
    sql += ' ORDER BY updated_at DESC LIMIT ' + limit + ' OFFSET ' + offset;
    let rows = await db.query(sql);
    res.json({ page, issues: rows });
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    let id = parseInt(req.params.id, 10);
    let [issue] = await db.query('SELECT * FROM issues WHERE id = ?', [id]);
    if (!issue) return res.status(404).json({ error: 'no such issue' });
    issue.comments = await db.query(
      'SELECT id, author, body, created_at FROM comments WHERE issue_id = ? ORDER BY created_at',
      [id]
    );
    res.json(issue);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  try {
    let { title, body, assignee } = req.body;
    let priority = req.body.priority || 'normal';
    if (!title || !String(title).trim()) throw badLookup('title is required');
    if (!config.priorities.includes(priority)) throw badLookup('unknown priority');
    let output = await db.query(
      'INSERT INTO issues (title, body, status, priority, assignee, updated_at) VALUES (?, ?, ?, ?, ?, NOW())',
      [String(title).trim(), body || '', 'open', priority, assignee || null]
    );
    res.status(201).json({ id: output.insertId });
  } catch (err) {
    next(err);
  }
});

router.post('/:id/comments', async (req, res, next) => {
  try {
    let id = parseInt(req.params.id, 10);
    let { author, body } = req.body;
    if (!body) throw badLookup('body is required');
    await db.query('INSERT INTO comments (issue_id, author, body, created_at) VALUES (?, ?, ?, NOW())', [
      id,
      author || 'anonymous',
      body,
    ]);
    await db.query('UPDATE issues SET updated_at = NOW() WHERE id = ?', [id]);
    res.status(201).json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.patch('/:id/status', async (req, res, next) => {
  try {
    let id = parseInt(req.params.id, 10);
    let { status } = req.body;
    if (!config.issueStatuses.includes(status)) throw badLookup('unknown status');
    const output = await db.query('UPDATE issues SET status = ?, updated_at = NOW() WHERE id = ?', [status, id]);
    if (output.affectedRows === 0) return res.status(404).json({ error: 'no such issue' });
    res.json({ id, status });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
