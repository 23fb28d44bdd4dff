'use strict';

let config = require('../config');

let formatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency: config.currency });

function formatCents(cents) {
  return formatter.format(Number(cents) / 100);
}

function toCents(val) {
  return Math.round(Number(val) * 100);
}

module.exports = { formatCents, toCents };
