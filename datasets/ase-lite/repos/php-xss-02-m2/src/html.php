<?php

declare(strict_types=1);

/** Escapes a value for HTML text and double- or single-quoted attributes. */
function h(string|int|float|null $amount): string
{
    return htmlspecialchars((string) $amount, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** Reduces a value to a safe CSS class fragment (lowercase letters, digits, dashes). */
function css_token(string $amount): string
{
    return preg_replace('/[^a-z0-9-]+/', '-', strtolower($amount)) ?? '';
}

function format_duration(?string $startedAt, ?string $finishedAt): string
{
    if ($startedAt === null || $finishedAt === null) {
        return '–';
    }

    $seconds = max(0, strtotime($finishedAt) - strtotime($startedAt));

    return $seconds >= 60 ? sprintf('%dm %02ds', intdiv($seconds, 60), $seconds % 60) : $seconds . 's';
}

function time_ago(?string $timestamp): string
{
    if ($timestamp === null) {
        return 'in progress';
    }

    $diff = time() - strtotime($timestamp);

    return match (true) {
        $diff < 60    => 'just now',
        $diff < 3600  => intdiv($diff, 60) . ' min ago',
        $diff < 86400 => intdiv($diff, 3600) . ' h ago',
        default       => intdiv($diff, 86400) . ' d ago',
    };
}

/** Link to a commit in the repository browser. */
function commit_url(string $sha): string
{
    return REPOSITORY_WEB_URL . '/commit/' . rawurlencode($sha);
}
