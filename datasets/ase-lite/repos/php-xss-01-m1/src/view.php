<?php

declare(strict_types=1);

/** Escapes text for HTML element content and quoted attribute values. */
function e(string|int|float|null $text): string
{
    return htmlspecialchars((string) $text, ENT_QUOTES | ENT_HTML5 | ENT_SUBSTITUTE, 'UTF-8');
}

function recipe_url(array $recipe): string
{
    return '/recipe.php?slug=' . rawurlencode($recipe['slug']);
}

function search_url(string $term, string $tag = ''): string
{
    return '/search.php?' . http_build_query(array_filter(['q' => $term, 'tag' => $tag], 'strlen'));
}

function format_minutes(int $minutes): string
{
    if ($minutes < 60) {
        return $minutes . ' min';
    }

    $hours = intdiv($minutes, 60);
    $rest = $minutes % 60;

    return $hours . ' h' . ($rest > 0 ? ' ' . $rest . ' min' : '');
}

function shell_begin(string $title): void
{
    print '<!doctype html><html lang="en"><head><meta charset="utf-8">';
    echo '<title>' . e($title) . ' – ' . e(SITE_NAME) . '</title>';
    print '<link rel="stylesheet" href="/style.css"></head><body>';
    print '<header><a class="logo" href="/">' . e(SITE_NAME) . '</a>';
    print '<form action="/search.php" method="get"><input type="search" name="q" placeholder="Search recipes"></form>';
    print '</header><main>';
}

function shell_end(): void
{
    print '</main><footer>Cook something good today.</footer></body></html>';
}
