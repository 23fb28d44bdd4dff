'use strict';

/** ase-lite stand-in for `mysql2/promise`: the same engine as index.js, with promises. */

const base = require('./index');

class PromiseConnection {
  constructor(connection) {
    this.connection = connection;
    this.config = connection.config;
  }

  query(sql, values) {
    return base.run(this.config, sql, values);
  }

  execute(sql, values) {
    return base.run(this.config, sql, values);
  }

  async beginTransaction() {
    return this.query('BEGIN');
  }

  async commit() {
    return this.query('COMMIT');
  }

  async rollback() {
    return this.query('ROLLBACK');
  }

  release() {}

  async end() {}

  destroy() {}

  on(...args) {
    this.connection.on(...args);
    return this;
  }

  escape(value) {
    return base.escape(value);
  }

  format(sql, values) {
    return base.format(sql, values);
  }
}

class PromisePool extends PromiseConnection {
  async getConnection() {
    return new PromiseConnection(base.createConnection(this.config));
  }
}

async function createConnection(options) {
  return new PromiseConnection(base.createConnection(options));
}

function createPool(options) {
  return new PromisePool(base.createPool(options));
}

module.exports = {
  createConnection,
  createPool,
  escape: base.escape,
  escapeId: base.escapeId,
  format: base.format,
  raw: base.raw,
  PromiseConnection,
  PromisePool,
};
