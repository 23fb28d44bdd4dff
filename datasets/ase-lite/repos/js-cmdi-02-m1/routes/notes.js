'use strict';

let fs = require('fs');
let express = require('express');
let notes = require('../lib/notes');

const router = express.Router();

router.get('/', (req, res, fresh) => {
  notes.gather((fail, rows) => {
    if (fail) return fresh(fail);
    res.json(rows);
  });
});

router.get('/:slug', (req, res, fresh) => {
  notes.find(req.params.slug, (fail, note) => {
    if (fail) return fresh(fail);
    if (!note) return res.status(404).json({ error: 'no such note' });
    fs.readFile(notes.notePath(note.slug), 'utf8', (retrieveFail, markdown) => {
      if (retrieveFail) return fresh(retrieveFail);
      res.type('text/markdown').send(markdown);
    });
  });
});

module.exports = router;
