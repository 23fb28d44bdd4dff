<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$latest = store()->query(
    'SELECT slug, title, summary, minutes FROM recipes ORDER BY created_at DESC LIMIT 12'
)->fetchAll();

shell_begin('Latest recipes');

print '<h1>Latest recipes</h1><ul class="recipe-list">';
foreach ($latest as $recipe) {
    print '<li><a href="' . e(recipe_url($recipe)) . '">' . e($recipe['title']) . '</a>';
    print ' <span class="time">' . e(format_minutes((int) $recipe['minutes'])) . '</span>';
    print '<p>' . e($recipe['summary']) . '</p></li>';
}
print '</ul>';

print '<aside class="tags"><h2>Tags</h2>';
foreach (popular_tags(store(), 40) as $name) {
    print '<a href="' . e(search_url('', $name)) . '">' . e($name) . '</a> ';
}
print '</aside>';

shell_end();
