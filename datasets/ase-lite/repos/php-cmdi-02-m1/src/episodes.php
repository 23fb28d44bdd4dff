<?php

declare(strict_types=1);

/** @return list<array<string, mixed>> newest first */
function fetch_episodes(): array
{
    if (!is_file(CATALOGUE_FILE)) {
        return [];
    }

    $episodes = json_decode((string) file_get_contents(CATALOGUE_FILE), true);

    return is_array($episodes) ? $episodes : [];
}

/** @param array<string, mixed> $episode */
function append_chapter(array $segment): void
{
    $episodes = fetch_episodes();
    array_unshift($episodes, $segment);

    $temp = CATALOGUE_FILE . '.tmp';
    file_put_contents($temp, json_encode($episodes, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), LOCK_EX);
    rename($temp, CATALOGUE_FILE);
}

function new_chapter_count(): int
{
    $numbers = array_column(fetch_episodes(), 'number');

    return $numbers === [] ? 1 : max($numbers) + 1;
}
