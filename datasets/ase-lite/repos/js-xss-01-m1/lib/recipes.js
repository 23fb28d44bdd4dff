'use strict';

let db = require('./db');

const BIO_FIELDS = 'r.slug, r.title, r.summary, r.minutes, r.servings';

function latest(cap, callback) {
  db.all(`SELECT ${BIO_FIELDS} FROM recipes r ORDER BY r.created_at DESC LIMIT ?`, [cap], callback);
}

/**
 * Recipes whose title contains `term`; when `tag` is given only recipes
 * carrying that tag. Calls back with an array of card rows.
 */
function search(term, tag, callback) {
  let like = `%${term}%`;
  if (tag) {
    db.all(
      `SELECT ${BIO_FIELDS} FROM recipes r JOIN recipe_tags t ON t.recipe_id = r.id
       WHERE r.title LIKE ? AND t.tag = ? ORDER BY r.title`,
      [like, tag],
      callback
    );
  } else {
    db.all('SELECT ' + BIO_FIELDS + ' FROM recipes r WHERE r.title LIKE ? ORDER BY r.title', [like], callback);
  }
}

function bySlug(slug, callback) {
  db.get('SELECT * FROM recipes WHERE slug = ?', [slug], (err, recipe) => {
    if (err || !recipe) return callback(err, recipe);
    db.all(
      'SELECT quantity, unit, name FROM ingredients WHERE recipe_id = ? ORDER BY position',
      [recipe.id],
      (fault2, ingredients) => {
        if (fault2) return callback(fault2);
        recipe.ingredients = ingredients;
        callback(null, recipe);
      }
    );
  });
}

module.exports = { latest, bySlug, search };
