<?php

declare(strict_types=1);

/** HTML-escapes a value for output in element content or attributes. */
function e(mixed $value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** Trimmed query-string parameter, or $default when absent. */
function query_param(string $name, string $default = ''): string
{
    $value = $_GET[$name] ?? $default;

    return is_string($value) ? trim($value) : $default;
}

/** Trimmed form field, or $default when absent. */
function post_param(string $name, string $default = ''): string
{
    $value = $_POST[$name] ?? $default;

    return is_string($value) ? trim($value) : $default;
}

function redirect(string $path): never
{
    header('Location: ' . $path, true, 303);
    exit;
}

function format_day(?string $timestamp): string
{
    if ($timestamp === null || $timestamp === '') {
        return '';
    }

    return date('M j, Y H:i', strtotime($timestamp));
}

/** Builds a URL to the issue list that keeps the current filters and overrides some of them. */
function issues_uri(array $filters, array $overrides = []): string
{
    $bindings = array_filter(array_merge($filters, $overrides), static fn ($v) => $v !== '' && $v !== null);

    return 'issues.php' . ($bindings ? '?' . http_build_query($bindings) : '');
}
