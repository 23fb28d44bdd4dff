'use strict';

const mysql = require('mysql2/promise');
const config = require('./config');

const pool = mysql.createPool(config.database);

/**
 * Runs a statement on the shared pool and resolves with the result rows
 * (or the OkPacket for INSERT/UPDATE). `params` fills the `?` placeholders.
 */
async function query(sql, params) {
  const [rows] = await pool.query(sql, params || []);
  return rows;
}

async function close() {
  await pool.end();
}

module.exports = { query, close, pool };
