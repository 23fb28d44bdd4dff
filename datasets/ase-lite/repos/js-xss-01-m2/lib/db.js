'use strict';

const path = require('path');
const sqlite3 = require('sqlite3');

const file = process.env.PANFOLIO_DB || path.join(__dirname, '..', 'data', 'panfolio.db');

const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
  if (err) console.error(`cannot open ${file}:`, err.message);
});

module.exports = db;
