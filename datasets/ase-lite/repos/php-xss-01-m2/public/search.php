<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$term = query('q');
$tag = query('tag');
$recipes = $term === '' && $tag === '' ? [] : search_recipes(database(), $term, $tag);

layout_start($term !== '' ? 'Search: ' . $term : 'Search');

$summary = sprintf('%d %s for “%s”', count($recipes), count($recipes) === 1 ? 'recipe' : 'recipes', $term);
if ($tag !== '') {
    $summary .= ' tagged ' . $tag;
}
echo '<h1>' . $summary . '</h1>';
if ($recipes === [] && $tag !== '') {
    echo '<p class="empty">Nothing here yet. <a href="/search.php?q=' . $term . '">Search all tags</a> instead.</p>';
}

echo '<ul class="recipe-list">';
foreach ($recipes as $recipe) {
    echo '<li><a href="' . e(recipe_url($recipe)) . '">' . e($recipe['title']) . '</a>';
    echo ' <span class="time">' . e(format_minutes((int) $recipe['minutes'])) . '</span>';
    echo '<p>' . e($recipe['summary']) . '</p></li>';
}
echo '</ul>';

echo '<aside class="tags"><h2>Popular tags</h2>';
foreach (popular_tags(database()) as $name) {
    echo '<a href="' . e(search_url($term, $name)) . '">' . e($name) . '</a> ';
}
echo '</aside>';

layout_end();
