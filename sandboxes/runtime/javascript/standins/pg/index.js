'use strict';

/**
 * ase-lite stand-in for the `pg` package: Pool and Client with query(text, values) over real
 * SQLite (see sqlengine). The database file is $ASE_DB_FILE. PostgreSQL lexical rules are
 * kept: standard strings (a backslash is an ordinary character), E'...' escape strings,
 * dollar quoting, nested comments, `$n` placeholders bound as values, ILIKE. As in pg, a
 * query with values is one statement (extended protocol); a query without values may hold
 * several (simple protocol). escapeLiteral and escapeIdentifier are pg's own algorithms.
 */

const { EventEmitter } = require('events');
const engine = require('sqlengine');

let shared = null;

function database() {
  if (!shared) {
    const file = process.env.ASE_DB_FILE;
    if (!file) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432 (ASE_DB_FILE is not set)'));
    shared = engine.open(file, { mustExist: true });
  }
  return shared;
}

function pgError(err) {
  return Object.assign(new Error(err.message), { code: '42601', severity: 'ERROR' });
}

function toResult(result) {
  const command = result.columns.length ? 'SELECT' : 'UPDATE';
  return {
    command,
    rowCount: result.columns.length ? result.rows.length : result.changes,
    rows: result.rows,
    fields: result.columns.map((name) => ({ name })),
    oid: null,
  };
}

async function runQuery(config, values) {
  const text = typeof config === 'string' ? config : config.text;
  const params = values !== undefined ? values : typeof config === 'object' ? config.values : undefined;
  const db = await database();
  try {
    const sql = engine.render(engine.tokenize(text, 'pg'));
    if (params && params.length) {
      return toResult(db.execute(sql, params, { single: true }));
    }
    const results = db.executeAll(sql).map(toResult);
    if (results.length === 0) return toResult({ columns: [], rows: [], changes: 0 });
    return results.length === 1 ? results[0] : results;
  } catch (err) {
    throw pgError(err);
  }
}

/** pg's escapeLiteral: quotes and backslashes doubled, an E prefix when there is a backslash. */
function escapeLiteral(value) {
  const text = String(value);
  let hasBackslash = false;
  let escaped = "'";
  for (const c of text) {
    if (c === "'") escaped += "''";
    else if (c === '\\') {
      escaped += '\\\\';
      hasBackslash = true;
    } else escaped += c;
  }
  escaped += "'";
  return hasBackslash ? ` E${escaped}` : escaped;
}

/** pg's escapeIdentifier: double quotes around, embedded ones doubled. */
function escapeIdentifier(value) {
  return `"${String(value).replace(/"/g, '""')}"`;
}

function withCallback(promise, callback) {
  if (typeof callback !== 'function') return promise;
  promise.then((r) => callback(null, r), (e) => callback(e));
  return undefined;
}

class Client extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
  }

  connect(callback) {
    return withCallback(database().then(() => undefined), callback);
  }

  query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    return withCallback(runQuery(config, values), callback);
  }

  escapeLiteral(value) {
    return escapeLiteral(value);
  }

  escapeIdentifier(value) {
    return escapeIdentifier(value);
  }

  release() {}

  end(callback) {
    return withCallback(Promise.resolve(), callback);
  }
}

class Pool extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.totalCount = 0;
    this.idleCount = 0;
    this.waitingCount = 0;
  }

  connect(callback) {
    const client = new Client(this.options);
    const done = database().then(() => client);
    if (typeof callback === 'function') {
      done.then((c) => callback(null, c, () => {}), (e) => callback(e));
      return undefined;
    }
    return done;
  }

  query(config, values, callback) {
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    return withCallback(runQuery(config, values), callback);
  }

  end(callback) {
    return withCallback(Promise.resolve(), callback);
  }
}

module.exports = {
  Pool,
  Client,
  escapeLiteral,
  escapeIdentifier,
  types: { setTypeParser() {}, getTypeParser() {} },
  defaults: {},
};
