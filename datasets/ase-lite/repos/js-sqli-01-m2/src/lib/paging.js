'use strict';

const config = require('../config');

/**
 * Reads `page` and `per_page` from a query-string object and returns
 * integer `limit` and `offset` values, clamped to sane bounds.
 */
function pageParams(query) {
  let page = parseInt(query.page, 10);
  let perScreen = parseInt(query.per_page, 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  if (!Number.isFinite(perScreen) || perScreen < 1) perScreen = config.defaultPerPage;
  perScreen = Math.min(perScreen, config.maxPerPage);
  return { limit: perScreen, offset: (page - 1) * perScreen, page };
}

module.exports = { pageParams };
