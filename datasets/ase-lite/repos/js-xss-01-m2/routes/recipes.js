'use strict';

const express = require('express');
const recipes = require('../lib/recipes');
const { escapeHtml, layout, recipeCard } = require('../lib/html');

const router = express.Router();

router.get('/', (req, res, next) => {
  recipes.latest(12, (err, rows) => {
    if (err) return next(err);
    res.send(layout('Latest recipes', `<h1>Latest recipes</h1>\n${rows.map(recipeCard).join('\n')}`));
  });
});

router.get('/recipes/:slug', (req, res, next) => {
  recipes.bySlug(req.params.slug, (err, recipe) => {
    if (err) return next(err);
    if (!recipe) return res.status(404).send(layout('Not found', '<h1>Recipe not found</h1>'));
    const ingredients = recipe.ingredients
      .map((i) => `<li>${escapeHtml([i.quantity, i.unit, i.name].filter(Boolean).join(' '))}</li>`)
      .join('\n');
    const steps = String(recipe.steps || '')
      .split(/\n+/)
      .filter((s) => s.trim())
      .map((s) => `<li>${escapeHtml(s)}</li>`)
      .join('\n');
    res.send(
      layout(
        recipe.title,
        `<h1>${escapeHtml(recipe.title)}</h1>
<p class="summary">${escapeHtml(recipe.summary || '')}</p>
<h2>Ingredients</h2><ul>${ingredients}</ul>
<h2>Method</h2><ol>${steps}</ol>`
      )
    );
  });
});

module.exports = router;
