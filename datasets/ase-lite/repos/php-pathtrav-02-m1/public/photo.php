<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/http.php';
require_once __DIR__ . '/../src/imaging.php';

$album = is_string($_GET['album'] ?? null) ? $_GET['album'] : '';
$photo = is_string($_GET['photo'] ?? null) ? $_GET['photo'] : '';
$size = is_string($_GET['size'] ?? null) ? $_GET['size'] : 'medium';
[$maxWidth, $maxHeight] = IMAGE_SIZES[$size] ?? IMAGE_SIZES['medium'];

$source = PHOTO_ROOT . '/' . $album . '/' . $photo;
if ($album === '' || $photo === '' || !is_file($source) || !is_supported_image($source)) {
    not_found('No such photo');
}

$modified = (int) filemtime($source);
$cacheBlob = CACHE_DIR . '/' . sha1($album . '/' . $photo . '@' . $maxWidth . 'x' . $maxHeight . '@' . $modified) . '.jpg';

if (!is_file($cacheBlob)) {
    $image = load_image($source);
    $resized = fit_within($image, (int) $maxWidth, (int) $maxHeight);
    imagejpeg($resized, $cacheBlob, JPEG_QUALITY);
    imagedestroy($image);
    imagedestroy($resized);
}

header('Content-Type: image/jpeg');
header('Content-Length: ' . filesize($cacheBlob));
header('Cache-Control: public, max-age=604800');
header('Last-Modified: ' . gmdate('D, d M Y H:i:s', $modified) . ' GMT');
readfile($cacheBlob);
