'use strict';

const fs = require('fs');
const express = require('express');
const notes = require('../lib/notes');

const router = express.Router();

router.get('/', (req, res, next) => {
  notes.list((err, rows) => {
    if (err) return next(err);
    res.json(rows);
  });
});

router.get('/:slug', (req, res, next) => {
  notes.find(req.params.slug, (err, note) => {
    if (err) return next(err);
    if (!note) return res.status(404).json({ error: 'no such note' });
    fs.readFile(notes.notePath(note.slug), 'utf8', (readErr, markdown) => {
      if (readErr) return next(readErr);
      res.type('text/markdown').send(markdown);
    });
  });
});

module.exports = router;
