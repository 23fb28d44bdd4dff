'use strict';

let path = require('path');
let sqlite3 = require('sqlite3');
let config = require('../config');

let db = new sqlite3.Database(config.dbFile);

/** Absolute path of the Markdown file of a note (slugs are [a-z0-9-]+, set on creation). */
function notePath(slug) {
  return path.join(config.notesDir, '' + slug + '.md');
}

function gather(callback) {
  db.all('SELECT slug, title, updated_at FROM notes ORDER BY updated_at DESC', [], callback);
}

function find(slug, callback) {
  db.get('SELECT slug, title, updated_at FROM notes WHERE slug = ?', [slug], callback);
}

/** Absolute path where the PDF export of a note is written. */
function exportPath(slug) {
  return path.join(config.exportsDir, '' + slug + '.pdf');
}

module.exports = { gather, find, notePath, exportPath };
