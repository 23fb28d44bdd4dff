<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/http.php';
require_once __DIR__ . '/../src/modules/gallery.php';

$albums = list_albums();
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title><?= e(SITE_TITLE) ?></title><link rel="stylesheet" href="lumen.css"></head>
<body>
<h1><?= e(SITE_TITLE) ?></h1>
<ul class="albums">
    <?php foreach ($albums as $album): ?>
        <li>
            <a href="album.php?album=<?= e(rawurlencode($album['folder'])) ?>">
                <?php if ($album['cover'] !== null): ?>
                    <img src="<?= e(image_url($album['folder'], $album['cover'], 'thumb')) ?>" alt="" loading="lazy">
                <?php endif; ?>
                <strong><?= e($album['title']) ?></strong>
            </a>
            <p><?= e($album['description']) ?></p>
        </li>
    <?php endforeach; ?>
</ul>
</body>
</html>
