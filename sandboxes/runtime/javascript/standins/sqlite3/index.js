'use strict';

/**
 * ase-lite stand-in for the `sqlite3` package (node-sqlite3): the same callback API
 * (Database, all/get/run/each/exec/prepare/serialize/close, OPEN_* flags) over real SQLite
 * from sql.js, because the native package downloads prebuilt binaries at install time.
 * Operations run in the order they are called, each callback on a later tick.
 */

const { EventEmitter } = require('events');
const engine = require('sqlengine');

const OPEN_READONLY = 0x1;
const OPEN_READWRITE = 0x2;
const OPEN_CREATE = 0x4;

function splitArgs(args) {
  const list = [...args];
  const callback = typeof list[list.length - 1] === 'function' ? list.pop() : null;
  let params;
  if (list.length === 1 && (Array.isArray(list[0]) || (list[0] && typeof list[0] === 'object'))) params = list[0];
  else params = list;
  return { params, callback };
}

function sqliteError(err) {
  const message = /^SQLITE_/.test(err.message) ? err.message : `SQLITE_ERROR: ${err.message}`;
  return Object.assign(new Error(message), { errno: 1, code: err.code || 'SQLITE_ERROR' });
}

class Database extends EventEmitter {
  constructor(filename, mode, callback) {
    super();
    if (typeof mode === 'function') {
      callback = mode;
      mode = OPEN_READWRITE | OPEN_CREATE;
    }
    if (mode === undefined || mode === null) mode = OPEN_READWRITE | OPEN_CREATE;
    const readonly = (mode & OPEN_READWRITE) === 0;
    this.filename = filename;
    this.open = false;
    this._queue = engine.open(filename, { readonly, mustExist: !(mode & OPEN_CREATE) }).then(
      (db) => {
        this._db = db;
        this.open = true;
        setImmediate(() => {
          if (callback) callback.call(this, null);
          this.emit('open');
        });
      },
      (err) => {
        const error = sqliteError(err);
        this._openError = error;
        setImmediate(() => {
          if (callback) callback.call(this, error);
          else this.emit('error', error);
        });
      }
    );
  }

  _enqueue(work) {
    this._queue = this._queue.then(() => {
      if (this._openError) return work(null, this._openError);
      return work(this._db, null);
    });
    return this;
  }

  _op(sql, args, deliver) {
    const { params, callback } = splitArgs(args);
    return this._enqueue((db, openError) => {
      let result;
      let error = openError;
      if (!error) {
        try {
          result = db.execute(sql, params);
        } catch (err) {
          error = sqliteError(err);
        }
      }
      setImmediate(() => deliver(error, result, callback));
    });
  }

  all(sql, ...args) {
    return this._op(sql, args, (err, result, callback) => {
      if (callback) callback.call(this, err, err ? undefined : result.rows);
      else if (err) this.emit('error', err);
    });
  }

  get(sql, ...args) {
    return this._op(sql, args, (err, result, callback) => {
      if (callback) callback.call(this, err, err ? undefined : result.rows[0]);
      else if (err) this.emit('error', err);
    });
  }

  run(sql, ...args) {
    return this._op(sql, args, (err, result, callback) => {
      const context = { sql, lastID: result ? result.lastInsertRowid : undefined, changes: result ? result.changes : 0 };
      if (callback) callback.call(context, err);
      else if (err) this.emit('error', err);
    });
  }

  each(sql, ...args) {
    const list = [...args];
    let complete = null;
    if (typeof list[list.length - 1] === 'function' && typeof list[list.length - 2] === 'function') complete = list.pop();
    return this._op(sql, list, (err, result, rowCallback) => {
      if (err) {
        if (rowCallback) rowCallback.call(this, err);
        if (complete) complete.call(this, err);
        return;
      }
      for (const row of result.rows) if (rowCallback) rowCallback.call(this, null, row);
      if (complete) complete.call(this, null, result.rows.length);
    });
  }

  exec(sql, callback) {
    return this._enqueue((db, openError) => {
      let error = openError;
      if (!error) {
        try {
          db.executeAll(sql);
        } catch (err) {
          error = sqliteError(err);
        }
      }
      setImmediate(() => {
        if (callback) callback.call(this, error);
        else if (error) this.emit('error', error);
      });
    });
  }

  prepare(sql, ...args) {
    return new Statement(this, sql, args);
  }

  serialize(fn) {
    if (fn) fn();
    return this;
  }

  parallelize(fn) {
    if (fn) fn();
    return this;
  }

  configure() {
    return this;
  }

  close(callback) {
    return this._enqueue((db) => {
      if (db) db.close();
      this.open = false;
      setImmediate(() => {
        if (callback) callback.call(this, null);
        this.emit('close');
      });
    });
  }
}

class Statement {
  constructor(db, sql, args) {
    this.db = db;
    this.sql = sql;
    const { params, callback } = splitArgs(args);
    this.params = params;
    if (callback) setImmediate(() => callback.call(this, null));
  }

  _args(args) {
    const list = [...args];
    const callback = typeof list[list.length - 1] === 'function' ? list.pop() : undefined;
    const params = list.length ? list : this.params;
    return callback ? [params, callback] : [params];
  }

  bind(...args) {
    const { params, callback } = splitArgs(args);
    this.params = params;
    if (callback) setImmediate(() => callback.call(this, null));
    return this;
  }

  run(...args) {
    this.db.run(this.sql, ...this._args(args));
    return this;
  }

  get(...args) {
    this.db.get(this.sql, ...this._args(args));
    return this;
  }

  all(...args) {
    this.db.all(this.sql, ...this._args(args));
    return this;
  }

  each(...args) {
    this.db.each(this.sql, ...args);
    return this;
  }

  reset(callback) {
    if (callback) setImmediate(() => callback.call(this, null));
    return this;
  }

  finalize(callback) {
    if (callback) this.db._enqueue(() => setImmediate(() => callback.call(this, null)));
    return this.db;
  }
}

function verbose() {
  return module.exports;
}

module.exports = {
  Database,
  Statement,
  OPEN_READONLY,
  OPEN_READWRITE,
  OPEN_CREATE,
  OPEN_FULLMUTEX: 0x10000,
  OPEN_URI: 0x40,
  OPEN_SHAREDCACHE: 0x20000,
  OPEN_PRIVATECACHE: 0x40000,
  verbose,
  cached: { Database },
};
