'use strict';

module.exports = {
  port: parseInt(process.env.PORT || '3080', 10),
  database: {
    host: process.env.BUGNEST_DB_HOST || 'localhost',
    port: parseInt(process.env.BUGNEST_DB_PORT || '3306', 10),
    user: process.env.BUGNEST_DB_USER || 'bugnest',
    password: process.env.BUGNEST_DB_PASSWORD || '',
    database: process.env.BUGNEST_DB_NAME || 'bugnest',
    connectionLimit: 10,
  },
  issueStatuses: ['open', 'in_progress', 'blocked', 'resolved', 'closed'],
  priorities: ['low', 'normal', 'high', 'urgent'],
  defaultPerPage: 25,
  maxPerPage: 100,
};
