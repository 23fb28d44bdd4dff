<?php

declare(strict_types=1);

/** An integer parameter, or $default when missing or not numeric. */
function request_int(string $key, int $default = 0): int
{
    $value = filter_var($_POST[$key] ?? $_GET[$key] ?? null, FILTER_VALIDATE_INT);

    return $value === false || $value === null ? $default : $value;
}

/** A trimmed string parameter from the query string or form body. */
function request_string(string $key, string $default = ''): string
{
    $value = $_POST[$key] ?? $_GET[$key] ?? $default;

    return is_scalar($value) ? trim((string) $value) : $default;
}

function h(string|int|float|null $value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function redirect_to(string $path): never
{
    header('Location: ' . $path, true, 303);
    exit;
}
