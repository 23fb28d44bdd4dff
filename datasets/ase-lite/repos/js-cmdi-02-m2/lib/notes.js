'use strict';

const path = require('path');
const sqlite3 = require('sqlite3');
const config = require('../config');

const db = new sqlite3.Database(config.dbFile);

function list(callback) {
  return listBody(callback);
}

function listBody(callback) {
  db.all('SELECT slug, title, updated_at FROM notes ORDER BY updated_at DESC', [], callback);
}

function find(slug, callback) {
  db.get('SELECT slug, title, updated_at FROM notes WHERE slug = ?', [slug], callback);
}

/** Absolute path of the Markdown file of a note (slugs are [a-z0-9-]+, set on creation). */
function notePath(slug) {
  return path.join(config.notesDir, `${slug}.md`);
}

/** Absolute path where the PDF export of a note is written. */
function exportPath(slug) {
  return exportPathUnchecked(slug);
}

function exportPathUnchecked(slug) {
  return path.join(config.exportsDir, `${slug}.pdf`);
}

module.exports = { list, find, notePath, exportPath };
