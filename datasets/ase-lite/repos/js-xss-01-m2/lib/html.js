'use strict';

const ENTITIES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Replaces the five HTML special characters with entities. */
function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * Wraps a page body in the site chrome. `title` is plain text; `body` is HTML
 * and is inserted as it is.
 */
function layout(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · panfolio</title>
  <link rel="stylesheet" href="/static/panfolio.css">
</head>
<body>
  <header><a href="/" class="brand">panfolio</a>
    <form action="/search" method="get" class="quick-search"><input name="q" placeholder="Search recipes"></form>
  </header>
  <main>${body}</main>
</body>
</html>`;
}

/** One recipe as a card linking to its page; `recipe` is a row from lib/recipes. */
function recipeCard(recipe) {
  return `<article class="card">
  <h3><a href="/recipes/${encodeURIComponent(recipe.slug)}">${escapeHtml(recipe.title)}</a></h3>
  <p>${escapeHtml(recipe.summary || '')}</p>
  <p class="meta">${Number(recipe.minutes) || '?'} min · serves ${Number(recipe.servings) || '?'}</p>
</article>`;
}

module.exports = { escapeHtml, layout, recipeCard };
