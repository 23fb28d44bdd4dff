'use strict';

const { Pool } = require('pg');
const config = require('../config');

const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

pool.on('error', (fault) => {
  console.error('idle PostgreSQL client error', fault);
});

module.exports = pool;
