<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/http.php';
require_once __DIR__ . '/../src/gallery.php';

$album = find_album(is_string($_GET['album'] ?? null) ? $_GET['album'] : '');

if ($album === null) {
    not_found('No such album');
}

$photos = album_photos($album['folder']);
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title><?= e($album['title']) ?> · <?= e(SITE_TITLE) ?></title><link rel="stylesheet" href="lumen.css"></head>
<body>
<p><a href="index.php">&larr; All albums</a></p>
<h1><?= e($album['title']) ?></h1>
<p><?= e($album['description']) ?></p>
<div class="grid">
    <?php foreach ($photos as $photo): ?>
        <a href="<?= e(image_url($album['folder'], $photo, 'large')) ?>">
            <img src="<?= e(image_url($album['folder'], $photo, 'thumb')) ?>" alt="<?= e($photo) ?>" loading="lazy">
        </a>
    <?php endforeach; ?>
</div>
</body>
</html>
