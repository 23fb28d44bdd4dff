<?php

declare(strict_types=1);

/** @param array<string, mixed> $episode */
function add_episode(array $episode): void
{
    $episodes = load_episodes();
    array_unshift($episodes, $episode);

    $tmp = CATALOGUE_FILE . '.tmp';
    file_put_contents($tmp, json_encode($episodes, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), LOCK_EX);
    rename($tmp, CATALOGUE_FILE);
}

function next_episode_number(): int
{
    $numbers = array_column(load_episodes(), 'number');

    return $numbers === [] ? 1 : max($numbers) + 1;
}

/** @return list<array<string, mixed>> newest first */
function load_episodes(): array
{
    if (!is_file(CATALOGUE_FILE)) {
        return [];
    }

    $episodes = json_decode((string) file_get_contents(CATALOGUE_FILE), true);

    return is_array($episodes) ? $episodes : [];
}
