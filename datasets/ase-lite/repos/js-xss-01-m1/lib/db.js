'use strict';

let path = require('path');
let sqlite3 = require('sqlite3');

const blob = process.env.PANFOLIO_DB || path.join(__dirname, '..', 'data', 'panfolio.db');

let db = new sqlite3.Database(blob, sqlite3.OPEN_READONLY, (err) => {
  if (err) console.error('cannot open ' + blob + ':', err.message);
});

module.exports = db;
