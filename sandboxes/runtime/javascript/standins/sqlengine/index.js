'use strict';

/**
 * The SQL engine behind the ase-lite stand-ins for sqlite3, pg and mysql2: real SQLite
 * (sql.js, its asm.js build, so no WebAssembly memory has to be reserved) over a database
 * file. Every statement the application sends is executed by SQLite; the pg and mysql2
 * stand-ins only translate their dialect's lexical details (placeholders, string literals,
 * comments) first.
 */

const fs = require('fs');
const initSqlJs = require('sql.js/dist/sql-asm.js');

let sqlPromise = null;

function sqlJs() {
  if (!sqlPromise) sqlPromise = initSqlJs();
  return sqlPromise;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD HH:MM:SS' in local time, what MySQL's NOW() and PostgreSQL's now()::timestamp print. */
function timestamp(date = new Date()) {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

class SqlError extends Error {
  constructor(message, extra = {}) {
    super(message);
    Object.assign(this, extra);
  }
}

/** Values a driver may receive, as SQLite can bind them. */
function bindable(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return timestamp(value);
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}

function rowValue(value) {
  return value instanceof Uint8Array ? Buffer.from(value) : value;
}

class Engine {
  constructor(SQL, file, readonly) {
    this.file = file;
    this.readonly = readonly;
    const data = file && file !== ':memory:' && fs.existsSync(file) ? fs.readFileSync(file) : null;
    this.db = data ? new SQL.Database(data) : new SQL.Database();
    this.db.create_function('NOW', () => timestamp());
    this.db.create_function('CURDATE', () => timestamp().slice(0, 10));
  }

  /**
   * Runs the first statement of `sql` with `params` (array or object). With `single`, text
   * after that statement is an error, as it is for a driver that sends one statement.
   * Returns { columns, rows, changes, lastInsertRowid, rest }.
   */
  execute(sql, params, { single = false } = {}) {
    const iterator = this.db.iterateStatements(sql);
    let statement;
    try {
      const step = iterator.next();
      if (step.done) return { columns: [], rows: [], changes: 0, lastInsertRowid: 0, rest: '' };
      statement = step.value;
    } catch (err) {
      throw new SqlError(err.message, { code: 'SQLITE_ERROR' });
    }
    const rest = iterator.getRemainingSQL();
    try {
      if (single && rest.replace(/^[\s;]+/, '') !== '') {
        throw new SqlError('only one statement may be sent at a time', { code: 'ER_PARSE_ERROR' });
      }
      if (params !== undefined && params !== null) {
        const values = Array.isArray(params)
          ? params.map(bindable)
          : Object.fromEntries(Object.entries(params).map(([k, v]) => [k, bindable(v)]));
        statement.bind(values);
      }
      const columns = statement.getColumnNames();
      const rows = [];
      while (statement.step()) {
        const raw = statement.get();
        const row = {};
        columns.forEach((name, i) => {
          row[name] = rowValue(raw[i]);
        });
        rows.push(row);
      }
      const changes = columns.length ? 0 : this.db.getRowsModified();
      const lastInsertRowid = this.db.exec('SELECT last_insert_rowid()')[0].values[0][0];
      if (!columns.length) this.persist();
      return { columns, rows, changes, lastInsertRowid, rest };
    } catch (err) {
      if (err instanceof SqlError) throw err;
      throw new SqlError(err.message, { code: 'SQLITE_ERROR' });
    } finally {
      statement.free();
    }
  }

  /** Runs every statement of `sql`; returns the result of each. */
  executeAll(sql, params) {
    const results = [];
    let text = sql;
    let first = true;
    while (text.replace(/^[\s;]+/, '') !== '') {
      const result = this.execute(text, first ? params : undefined);
      results.push(result);
      text = result.rest;
      first = false;
    }
    return results;
  }

  persist() {
    if (this.readonly || !this.file || this.file === ':memory:') return;
    fs.writeFileSync(this.file, Buffer.from(this.db.export()));
  }

  close() {
    this.db.close();
  }
}

/** Opens `file` (created on first write when missing). Resolves with an Engine. */
async function open(file, { readonly = false, mustExist = false } = {}) {
  const SQL = await sqlJs();
  if (mustExist && file !== ':memory:' && !fs.existsSync(file)) {
    throw new SqlError(`SQLITE_CANTOPEN: unable to open database file`, { code: 'SQLITE_CANTOPEN', errno: 14 });
  }
  return new Engine(SQL, file, readonly);
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;
const MYSQL_ESCAPES = { 0: '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_' };
const PG_ESCAPES = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The value of a quoted literal starting at sql[start] (the opening quote); returns [value, end]. */
function quoted(sql, start, backslash) {
  const quote = sql[start];
  let value = '';
  let j = start + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (c === '\\' && backslash && j + 1 < sql.length) {
      const [text, next] = backslash(sql, j + 1);
      value += text;
      j = next;
    } else if (c === quote && sql[j + 1] === quote) {
      value += quote;
      j += 2;
    } else if (c === quote) {
      return [value, j + 1];
    } else {
      value += c;
      j += 1;
    }
  }
  throw new SqlError('unterminated quoted string in SQL', { code: 'ER_PARSE_ERROR' });
}

/** MySQL's backslash escape at sql[j] (after the backslash): [text, next index]. */
function mysqlEscape(sql, j) {
  const e = sql[j];
  return [Object.prototype.hasOwnProperty.call(MYSQL_ESCAPES, e) ? MYSQL_ESCAPES[e] : e, j + 1];
}

/** PostgreSQL's escape-string (E'...') backslash escape at sql[j]: [text, next index]. */
function pgEscape(sql, j) {
  const e = sql[j];
  if (Object.prototype.hasOwnProperty.call(PG_ESCAPES, e)) return [PG_ESCAPES[e], j + 1];
  let m = /^[0-7]{1,3}/.exec(sql.slice(j, j + 3));
  if (m) return [String.fromCharCode(parseInt(m[0], 8) & 0xff), j + m[0].length];
  m = /^x([0-9A-Fa-f]{1,2})/.exec(sql.slice(j, j + 3));
  if (m) return [String.fromCharCode(parseInt(m[1], 16)), j + m[0].length];
  m = /^(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/.exec(sql.slice(j, j + 9));
  if (m) return [String.fromCodePoint(parseInt(m[1] || m[2], 16)), j + m[0].length];
  return [e, j + 1];
}

/**
 * Splits SQL text into tokens: quoted literals and identifiers, comments, placeholders and
 * the rest, following `dialect`. 'mysql': backslash escapes in '...' and "..." strings,
 * N'...' strings, backquoted identifiers, '#' and '-- ' comments, /*! ... *\/ run, || and &&
 * as OR and AND. 'pg': standard strings (a backslash is ordinary), E'...' escape strings
 * (backslash escapes), dollar quoting ($$...$$, $tag$...$tag$), "..." identifiers, '--'
 * comments, nested /* *\/ comments, $n placeholders.
 */
function tokenize(sql, dialect) {
  const mysql = dialect === 'mysql';
  const tokens = [];
  let i = 0;
  let plain = '';
  const flush = () => {
    if (plain) tokens.push({ type: 'sql', text: plain });
    plain = '';
  };
  const string = (start, backslash) => {
    flush();
    const [value, end] = quoted(sql, start, backslash);
    tokens.push({ type: 'string', value });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    const wordStart = i === 0 || !IDENT_CHAR.test(sql[i - 1]);
    if (ch === "'" || (ch === '"' && mysql)) {
      string(i, mysql ? mysqlEscape : null);
    } else if (wordStart && next === "'" && (ch === 'E' || ch === 'e') && !mysql) {
      string(i + 1, pgEscape);
    } else if (wordStart && next === "'" && (ch === 'N' || ch === 'n') && mysql) {
      string(i + 1, mysqlEscape);
    } else if (ch === '$' && !mysql && wordStart && DOLLAR_TAG.test(sql.slice(i))) {
      flush();
      const tag = DOLLAR_TAG.exec(sql.slice(i))[0];
      const end = sql.indexOf(tag, i + tag.length);
      if (end < 0) throw new SqlError('unterminated dollar-quoted string in SQL', { code: 'ER_PARSE_ERROR' });
      tokens.push({ type: 'string', value: sql.slice(i + tag.length, end) });
      i = end + tag.length;
    } else if (ch === '"' || ch === '`') {
      flush();
      const [value, end] = quoted(sql, i, null);
      tokens.push({ type: 'ident', value });
      i = end;
    } else if ((ch === '-' && next === '-' && (!mysql || /[\s]/.test(sql[i + 2] || ' '))) || (ch === '#' && mysql)) {
      flush();
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (ch === '/' && next === '*') {
      flush();
      // PostgreSQL nests block comments; MySQL ends one at the first */.
      let depth = 1;
      let j = i + 2;
      while (j < sql.length && depth > 0) {
        if (sql[j] === '*' && sql[j + 1] === '/') {
          depth -= 1;
          j += 2;
        } else if (!mysql && sql[j] === '/' && sql[j + 1] === '*') {
          depth += 1;
          j += 2;
        } else {
          j += 1;
        }
      }
      if (depth > 0) throw new SqlError('unterminated comment in SQL', { code: 'ER_PARSE_ERROR' });
      const body = sql.slice(i + 2, j - 2);
      // MySQL runs the text of /*! ... */ comments.
      if (mysql && body.startsWith('!')) plain += ` ${body.slice(1).replace(/^\d{5}/, '')} `;
      else plain += ' ';
      i = j;
    } else if (mysql && ch === '-' && next === '-') {
      // MySQL reads --1 as minus minus one; SQLite would read a comment.
      plain += '- ';
      i += 1;
    } else if (mysql && ((ch === '|' && next === '|') || (ch === '&' && next === '&'))) {
      // MySQL's default sql_mode (no PIPES_AS_CONCAT): || is OR and && is AND.
      plain += ch === '|' ? ' OR ' : ' AND ';
      i += 2;
    } else if (ch === '$' && !mysql && /\d/.test(next || '')) {
      flush();
      const m = /^\$(\d+)/.exec(sql.slice(i));
      tokens.push({ type: 'param', index: Number(m[1]) });
      i += m[0].length;
    } else {
      plain += ch;
      i += 1;
    }
  }
  flush();
  return tokens;
}

function quoteString(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** SQLite text for tokens, with dialect keywords mapped (ILIKE to LIKE). */
function render(tokens) {
  return tokens
    .map((t) => {
      if (t.type === 'string') return quoteString(t.value);
      if (t.type === 'ident') return `"${t.value.replace(/"/g, '""')}"`;
      if (t.type === 'param') return `?${t.index}`;
      return t.text.replace(/\bILIKE\b/gi, 'LIKE').replace(/::\s*[A-Za-z_]\w*/g, '');
    })
    .join('');
}

module.exports = { open, tokenize, render, timestamp, SqlError, bindable };
