'use strict';

const express = require('express');
const recipes = require('../../lib/recipes');
const { escapeHtml, layout, recipeCard } = require('../../lib/html');

const router = express.Router();

const POPULAR_TAGS = ['vegetarian', 'quick', 'baking', 'soup', 'dessert'];

function tagLinks(current) {
  return POPULAR_TAGS.map((tag) => {
    const cls = tag === current ? ' class="active"' : '';
    return `<a href="/search?tag=${tag}"${cls}>${tag}</a>`;
  }).join(' ');
}

router.get('/search', (req, res, next) => {
  const q = (req.query.q || '').trim();
  const tag = req.query.tag || '';
  recipes.search(q, tag, (err, rows) => {
    if (err) return next(err);
    const form = `<form action="/search" method="get" class="search-form">
  <input type="search" name="q" value="${q}" placeholder="Search recipes">
  <input type="hidden" name="tag" value="${tag}">
  <button type="submit">Search</button>
</form>
<nav class="tags">${tagLinks(tag)}</nav>`;
    if (rows.length === 0) {
      return res.send(layout('Search', `${form}<p class="empty">No recipes match <strong>${q}</strong>.</p>`));
    }
    const heading = tag ? `Recipes tagged ${tag} matching "${q}"` : `Recipes matching "${q}"`;
    res.send(
      layout(
        'Search',
        `${form}
<h1>${heading}</h1>
<p class="count">${rows.length} found</p>
${rows.map(recipeCard).join('\n')}`
      )
    );
  });
});

module.exports = router;
