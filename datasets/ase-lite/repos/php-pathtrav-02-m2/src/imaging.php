<?php

declare(strict_types=1);

function is_supported_image(string $path): bool
{
    return in_array(strtolower(pathinfo($path, PATHINFO_EXTENSION)), SUPPORTED_EXTENSIONS, true);
}

/** Opens a JPEG, PNG or WebP file as a GD image. */
function load_image(string $path): GdImage
{
    $image = match (strtolower(pathinfo($path, PATHINFO_EXTENSION))) {
        'jpg', 'jpeg' => imagecreatefromjpeg($path),
        'png'         => imagecreatefrompng($path),
        'webp'        => imagecreatefromwebp($path),
        default       => false,
    };

    if ($image === false) {
        throw new RuntimeException('Unreadable image: ' . basename($path));
    }

    return $image;
}

/** Returns a copy of $image scaled down (never up) to fit in $maxWidth x $maxHeight. */
function fit_within(GdImage $image, int $maxWidth, int $maxHeight): GdImage
{
    $width = imagesx($image);
    $height = imagesy($image);
    $scale = min(1.0, $maxWidth / $width, $maxHeight / $height);

    $freshLength = max(1, (int) round($width * $scale));
    $nextHeight = max(1, (int) round($height * $scale));

    $resized = imagecreatetruecolor($freshLength, $nextHeight);
    imagecopyresampled($resized, $image, 0, 0, 0, 0, $freshLength, $nextHeight, $width, $height);

    return $resized;
}
