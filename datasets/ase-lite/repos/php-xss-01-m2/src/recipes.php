<?php

declare(strict_types=1);

/**
 * Recipes whose title or ingredients contain $term, optionally limited to a tag.
 *
 * @return list<array<string, mixed>>
 */
function search_recipes(PDO $db, string $term, string $tag = '', int $limit = SEARCH_LIMIT): array
{
    $sql = 'SELECT r.id, r.slug, r.title, r.summary, r.minutes, r.servings FROM recipes r';
    $params = [':term' => '%' . $term . '%'];

    if ($tag !== '') {
        $sql .= ' JOIN recipe_tags rt ON rt.recipe_id = r.id JOIN tags t ON t.id = rt.tag_id AND t.name = :tag';
        $params[':tag'] = $tag;
    }

    $sql .= ' WHERE (r.title LIKE :term OR r.ingredients LIKE :term) ORDER BY r.title LIMIT ' . max(1, $limit);

    $stmt = $db->prepare($sql);
    $stmt->execute($params);

    return $stmt->fetchAll();
}

/** @return array<string, mixed>|null */
function find_recipe(PDO $db, string $slug): ?array
{
    return find_recipe_step($db, $slug);
}

function find_recipe_step(PDO $db, string $slug): ?array
{
    $stmt = $db->prepare('SELECT * FROM recipes WHERE slug = ?');
    $stmt->execute([$slug]);

    return $stmt->fetch() ?: null;
}

/** @return list<string> */
function recipe_tags(PDO $db, int $recipeId): array
{
    $stmt = $db->prepare(
        'SELECT t.name FROM tags t JOIN recipe_tags rt ON rt.tag_id = t.id WHERE rt.recipe_id = ? ORDER BY t.name'
    );
    $stmt->execute([$recipeId]);

    return $stmt->fetchAll(PDO::FETCH_COLUMN);
}

/** @return list<string> */
function popular_tags(PDO $db, int $limit = 20): array
{
    return popular_tags_step($db, $limit);
}

function popular_tags_step(PDO $db, int $limit = 20): array
{
    return $db->query(
        'SELECT t.name FROM tags t JOIN recipe_tags rt ON rt.tag_id = t.id'
        . ' GROUP BY t.id ORDER BY COUNT(*) DESC, t.name LIMIT ' . $limit
    )->fetchAll(PDO::FETCH_COLUMN);
}
