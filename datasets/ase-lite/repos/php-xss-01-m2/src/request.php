<?php

declare(strict_types=1);

/** Query-string value as a trimmed string ('' when missing or not a string). */
function query(string $name): string
{
    $value = $_GET[$name] ?? '';

    return is_string($value) ? trim($value) : '';
}

function query_int(string $name, int $default = 0): int
{
    $value = filter_input(INPUT_GET, $name, FILTER_VALIDATE_INT);

    return is_int($value) ? $value : $default;
}
