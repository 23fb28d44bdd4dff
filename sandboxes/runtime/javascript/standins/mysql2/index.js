'use strict';

/**
 * ase-lite stand-in for the `mysql2` package (callback API; `mysql2/promise` for promises).
 * `query` formats the values into the SQL text on the client as mysql2 does (sqlstring
 * rules: strings quoted with backslash escapes), and the resulting MySQL text is executed by
 * real SQLite (see sqlengine) after its lexical translation: MySQL string literals (backslash
 * escapes, double-quoted strings), backquoted identifiers, '#' and '-- ' comments, || and && as
 * OR and AND (MySQL's default sql_mode). One
 * statement per query unless the pool was created with multipleStatements. The database
 * file is $ASE_DB_FILE.
 */

const { EventEmitter } = require('events');
const engine = require('sqlengine');

const CHARS = /[\0\b\t\n\r\x1a"'\\]/g;
const CHAR_ESCAPES = { '\0': '\\0', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', '"': '\\"', "'": "\\'", '\\': '\\\\' };

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

function escapeId(value) {
  if (Array.isArray(value)) return value.map(escapeId).join(', ');
  return `\`${String(value).replace(/`/g, '``').replace(/\./g, '`.`')}\``;
}

function escape(value) {
  if (value === undefined || value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'NULL';
    return `'${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())} ${pad(value.getHours())}:${pad(
      value.getMinutes()
    )}:${pad(value.getSeconds())}.${pad(value.getMilliseconds(), 3)}'`;
  }
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? `(${escape(v)})` : escape(v))).join(', ');
  if (typeof value === 'object') {
    if (typeof value.toSqlString === 'function') return String(value.toSqlString());
    return Object.keys(value)
      .filter((k) => typeof value[k] !== 'function')
      .map((k) => `${escapeId(k)} = ${escape(value[k])}`)
      .join(', ');
  }
  return `'${String(value).replace(CHARS, (c) => CHAR_ESCAPES[c])}'`;
}

/** mysql2's client-side formatting: each `?` takes the next value, `??` an identifier. */
function format(sql, values) {
  if (values === undefined || values === null) return sql;
  const list = Array.isArray(values) ? values : [values];
  let index = 0;
  return sql.replace(/\?\??/g, (match) => {
    if (index >= list.length) return match;
    const value = list[index++];
    return match === '??' ? escapeId(value) : escape(value);
  });
}

function mysqlError(err, sql) {
  const parse = err.code === 'ER_PARSE_ERROR' || /syntax|unrecognized|incomplete/i.test(err.message);
  return Object.assign(new Error(parse ? `You have an error in your SQL syntax: ${err.message}` : err.message), {
    code: parse ? 'ER_PARSE_ERROR' : 'ER_BAD_FIELD_ERROR',
    errno: parse ? 1064 : 1054,
    sqlState: '42000',
    sqlMessage: err.message,
    sql,
  });
}

let shared = null;

function database() {
  if (!shared) {
    const file = process.env.ASE_DB_FILE;
    if (!file) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:3306 (ASE_DB_FILE is not set)'));
    shared = engine.open(file, { mustExist: true });
  }
  return shared;
}

function toResult(result) {
  if (result.columns.length) return [result.rows, result.columns.map((name) => ({ name }))];
  return [
    {
      fieldCount: 0,
      affectedRows: result.changes,
      insertId: result.changes ? result.lastInsertRowid : 0,
      info: '',
      serverStatus: 2,
      warningStatus: 0,
      changedRows: result.changes,
    },
    undefined,
  ];
}

/** Runs one query; resolves with [rows or header, fields]. */
async function run(options, sqlOrOptions, values) {
  const text = typeof sqlOrOptions === 'string' ? sqlOrOptions : sqlOrOptions.sql;
  const params = values !== undefined ? values : typeof sqlOrOptions === 'object' ? sqlOrOptions.values : undefined;
  const sql = format(text, params);
  const db = await database();
  try {
    const translated = engine.render(engine.tokenize(sql, 'mysql'));
    if (options.multipleStatements) {
      const results = db.executeAll(translated).map(toResult);
      if (results.length === 1) return results[0];
      return [results.map((r) => r[0]), results.map((r) => r[1])];
    }
    return toResult(db.execute(translated, undefined, { single: true }));
  } catch (err) {
    throw mysqlError(err, sql);
  }
}

function splitCallback(values, callback) {
  if (typeof values === 'function') return [undefined, values];
  return [values, callback];
}

class Connection extends EventEmitter {
  constructor(options = {}) {
    super();
    this.config = options;
  }

  query(sql, values, callback) {
    [values, callback] = splitCallback(values, callback);
    run(this.config, sql, values).then(
      ([rows, fields]) => callback && callback(null, rows, fields),
      (err) => (callback ? callback(err) : this.emit('error', err))
    );
    return this;
  }

  execute(sql, values, callback) {
    return this.query(sql, values, callback);
  }

  connect(callback) {
    database().then(() => callback && callback(null), (err) => callback && callback(err));
  }

  ping(callback) {
    if (callback) setImmediate(callback, null);
  }

  beginTransaction(callback) {
    this.query('BEGIN', callback);
  }

  commit(callback) {
    this.query('COMMIT', callback);
  }

  rollback(callback) {
    this.query('ROLLBACK', callback);
  }

  release() {}

  end(callback) {
    if (callback) setImmediate(callback, null);
  }

  destroy() {}

  promise() {
    return new (require('./promise').PromiseConnection)(this);
  }

  escape(value) {
    return escape(value);
  }

  escapeId(value) {
    return escapeId(value);
  }

  format(sql, values) {
    return format(sql, values);
  }
}

class Pool extends Connection {
  getConnection(callback) {
    const connection = new Connection(this.config);
    database().then(() => callback(null, connection), (err) => callback(err));
  }
}

function createConnection(options) {
  return new Connection(typeof options === 'string' ? { uri: options } : options || {});
}

function createPool(options) {
  return new Pool(typeof options === 'string' ? { uri: options } : options || {});
}

function raw(sql) {
  return { toSqlString: () => sql };
}

module.exports = { createConnection, createPool, escape, escapeId, format, raw, run, Connection, Pool };
