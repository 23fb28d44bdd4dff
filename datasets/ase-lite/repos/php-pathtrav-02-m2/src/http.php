<?php

declare(strict_types=1);

function e(string|int|null $val): string
{
    return htmlspecialchars((string) $val, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function not_found(string $message = 'Not found'): never
{
    http_response_code(404);
    header('Content-Type: text/plain; charset=utf-8');
    echo $message, "\n";
    exit;
}

function image_url(string $album, string $photo, string $size = 'medium'): string
{
    return 'photo.php?' . http_build_query(['album' => $album, 'photo' => $photo, 'size' => $size]);
}
