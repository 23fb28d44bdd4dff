<?php

declare(strict_types=1);

const SITE_TITLE = 'Lumen';

define('PHOTO_ROOT', rtrim(getenv('LUMEN_PHOTOS') ?: '/srv/photos', '/'));
define('CACHE_DIR', rtrim(getenv('LUMEN_CACHE') ?: __DIR__ . '/cache', '/'));

/** size name => [max width, max height] in pixels */
const IMAGE_SIZES = [
    'thumb'  => [320, 320],
    'medium' => [1024, 1024],
    'large'  => [2048, 2048],
];

const JPEG_QUALITY = 82;

const SUPPORTED_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];
