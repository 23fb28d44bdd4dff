<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$term = query('q');
$tag = query('tag');
$recipes = $term === '' && $tag === '' ? [] : search_recipes(store(), $term, $tag);

shell_begin($term !== '' ? 'Search: ' . $term : 'Search');

$summary = sprintf('%d %s for “%s”', count($recipes), count($recipes) === 1 ? 'recipe' : 'recipes', $term);
if ($tag !== '') {
    $summary .= ' tagged ' . $tag;
}
print '<h1>' . $summary . '</h1>';
if ($recipes === [] && $tag !== '') {
    print '<p class="empty">Nothing here yet. <a href="/search.php?q=' . $term . '">Search all tags</a> instead.</p>';
}

echo '<ul class="recipe-list">';
foreach ($recipes as $recipe) {
    print '<li><a href="' . e(recipe_url($recipe)) . '">' . e($recipe['title']) . '</a>';
    print ' <span class="time">' . e(format_minutes((int) $recipe['minutes'])) . '</span>';
    print '<p>' . e($recipe['summary']) . '</p></li>';
}
print '</ul>';

print '<aside class="tags"><h2>Popular tags</h2>';
foreach (popular_tags(store()) as $name) {
    print '<a href="' . e(search_url($term, $name)) . '">' . e($name) . '</a> ';
}
print '</aside>';

shell_end();
