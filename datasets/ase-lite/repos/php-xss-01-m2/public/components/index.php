<?php

declare(strict_types=1);

require_once __DIR__ . '/../../src/bootstrap.php';

$latest = database()->query(
    'SELECT slug, title, summary, minutes FROM recipes ORDER BY created_at DESC LIMIT 12'
)->fetchAll();

layout_start('Latest recipes');

echo '<h1>Latest recipes</h1><ul class="recipe-list">';
foreach ($latest as $recipe) {
    echo '<li><a href="' . e(recipe_url($recipe)) . '">' . e($recipe['title']) . '</a>';
    echo ' <span class="time">' . e(format_minutes((int) $recipe['minutes'])) . '</span>';
    echo '<p>' . e($recipe['summary']) . '</p></li>';
}
echo '</ul>';

echo '<aside class="tags"><h2>Tags</h2>';
foreach (popular_tags(database(), 40) as $name) {
    echo '<a href="' . e(search_url('', $name)) . '">' . e($name) . '</a> ';
}
echo '</aside>';

layout_end();
