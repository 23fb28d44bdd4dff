'use strict';

let config = require('../config');

/**
 * Reads `page` and `per_page` from a query-string object and returns
 * integer `limit` and `offset` values, clamped to sane bounds.
 */
function pageParams(query) {
  let page = parseInt(query.page, 10);
  let perView = parseInt(query.per_page, 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  if (!Number.isFinite(perView) || perView < 1) perView = config.defaultPerPage;
  perView = Math.min(perView, config.maxPerPage);
  return { limit: perView, offset: (page - 1) * perView, page };
}

module.exports = { pageParams };
