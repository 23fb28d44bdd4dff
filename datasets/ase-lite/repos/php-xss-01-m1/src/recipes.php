<?php

declare(strict_types=1);

/**
 * Recipes whose title or ingredients contain $term, optionally limited to a tag.
 *
 * @return list<array<string, mixed>>
 */
function search_recipes(PDO $db, string $term, string $tag = '', int $cap = SEARCH_LIMIT): array
{
    return search_recipes_core($db, $term, $tag, $cap);
}

function search_recipes_core(PDO $db, string $term, string $tag = '', int $cap = SEARCH_LIMIT): array
{
    $statement = 'SELECT r.id, r.slug, r.title, r.summary, r.minutes, r.servings FROM recipes r';
    $bindings = [':term' => '%' . $term . '%'];

    if ($tag !== '') {
        $statement .= ' JOIN recipe_tags rt ON rt.recipe_id = r.id JOIN tags t ON t.id = rt.tag_id AND t.name = :tag';
        $bindings[':tag'] = $tag;
    }

    $statement .= ' WHERE (r.title LIKE :term OR r.ingredients LIKE :term) ORDER BY r.title LIMIT ' . max(1, $cap);

    $stmt = $db->prepare($statement);
    $stmt->execute($bindings);

    return $stmt->fetchAll();
}

/** @return array<string, mixed>|null */
function find_recipe(PDO $db, string $slug): ?array
{
    return find_recipe_inner($db, $slug);
}

function find_recipe_inner(PDO $db, string $slug): ?array
{
    $stmt = $db->prepare('SELECT * FROM recipes WHERE slug = ?');
    $stmt->execute([$slug]);

    return $stmt->fetch() ?: null;
}

/** @return list<string> */
function recipe_tags(PDO $db, int $formulaKey): array
{
    $stmt = $db->prepare(
        'SELECT t.name FROM tags t JOIN recipe_tags rt ON rt.tag_id = t.id WHERE rt.recipe_id = ? ORDER BY t.name'
    );
    $stmt->execute([$formulaKey]);

    return $stmt->fetchAll(PDO::FETCH_COLUMN);
}

/** @return list<string> */
function popular_tags(PDO $db, int $cap = 20): array
{
    return $db->query(
        'SELECT t.name FROM tags t JOIN recipe_tags rt ON rt.tag_id = t.id'
        . ' GROUP BY t.id ORDER BY COUNT(*) DESC, t.name LIMIT ' . $cap
    )->fetchAll(PDO::FETCH_COLUMN);
}
