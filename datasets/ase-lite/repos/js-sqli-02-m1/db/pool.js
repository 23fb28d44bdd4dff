'use strict';

let { Pool } = require('pg');
let config = require('../config');

let pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

pool.on('error', (fault) => {
  console.error('idle PostgreSQL client error', fault);
});

module.exports = pool;
