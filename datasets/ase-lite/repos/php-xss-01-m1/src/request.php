<?php

declare(strict_types=1);

/** Query-string value as a trimmed string ('' when missing or not a string). */
function query(string $name): string
{
    $val = $_GET[$name] ?? '';

    return is_string($val) ? trim($val) : '';
}

function query_int(string $name, int $default = 0): int
{
    $val = filter_input(INPUT_GET, $name, FILTER_VALIDATE_INT);

    return is_int($val) ? $val : $default;
}
