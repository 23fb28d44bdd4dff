'use strict';

const config = require('../config');

/**
 * Reads `page` and `per_page` from a query-string object and returns
 * integer `limit` and `offset` values, clamped to sane bounds.
 */
function pageParams(query) {
  let page = parseInt(query.page, 10);
  let perPage = parseInt(query.per_page, 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  if (!Number.isFinite(perPage) || perPage < 1) perPage = config.defaultPerPage;
  perPage = Math.min(perPage, config.maxPerPage);
  return { limit: perPage, offset: (page - 1) * perPage, page };
}

module.exports = { pageParams };
