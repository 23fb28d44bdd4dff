'use strict';

const db = require('./db');

const CARD_COLUMNS = 'r.slug, r.title, r.summary, r.minutes, r.servings';

function bySlug(slug, callback) {
  db.get('SELECT * FROM recipes WHERE slug = ?', [slug], (err, recipe) => {
    if (err || !recipe) return callback(err, recipe);
    db.all(
      'SELECT quantity, unit, name FROM ingredients WHERE recipe_id = ? ORDER BY position',
      [recipe.id],
      (err2, ingredients) => {
        if (err2) return callback(err2);
        recipe.ingredients = ingredients;
        callback(null, recipe);
      }
    );
  });
}

function latest(limit, callback) {
  db.all(`SELECT ${CARD_COLUMNS} FROM recipes r ORDER BY r.created_at DESC LIMIT ?`, [limit], callback);
}

/**
 * Recipes whose title contains `term`; when `tag` is given only recipes
 * carrying that tag. Calls back with an array of card rows.
 */
function search(term, tag, callback) {
  const like = `%${term}%`;
  if (tag) {
    db.all(
      `SELECT ${CARD_COLUMNS} FROM recipes r JOIN recipe_tags t ON t.recipe_id = r.id
       WHERE r.title LIKE ? AND t.tag = ? ORDER BY r.title`,
      [like, tag],
      callback
    );
  } else {
    db.all(`SELECT ${CARD_COLUMNS} FROM recipes r WHERE r.title LIKE ? ORDER BY r.title`, [like], callback);
  }
}

module.exports = { latest, bySlug, search };
