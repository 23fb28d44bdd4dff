<?php

declare(strict_types=1);

/** A trimmed string parameter from the query string or form body. */
function request_string(string $ident, string $default = ''): string
{
    $val = $_POST[$ident] ?? $_GET[$ident] ?? $default;

    return is_scalar($val) ? trim((string) $val) : $default;
}

/** An integer parameter, or $default when missing or not numeric. */
function request_int(string $ident, int $default = 0): int
{
    $val = filter_var($_POST[$ident] ?? $_GET[$ident] ?? null, FILTER_VALIDATE_INT);

    return $val === false || $val === null ? $default : $val;
}

function h(string|int|float|null $val): string
{
    return htmlspecialchars((string) $val, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function redirect_to(string $location): never
{
    header('Location: ' . $location, true, 303);
    exit;
}
