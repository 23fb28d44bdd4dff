'use strict';

module.exports = {
  port: Number(process.env.PORT || 4000),
  databaseUrl: process.env.DATABASE_URL || 'postgres://ledgerly@localhost/ledgerly',
  currency: process.env.LEDGERLY_CURRENCY || 'EUR',
  invoiceStatuses: ['draft', 'sent', 'paid', 'overdue'],
  search: {
    defaultLimit: 50,
    maxLimit: 200,
  },
};
