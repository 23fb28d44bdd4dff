<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/auth.php';
require_once __DIR__ . '/../src/storage.php';

$user = require_login();
$baseDir = user_storage_dir($user);

$dir = isset($_GET['dir']) && is_string($_GET['dir']) ? trim($_GET['dir'], '/') : '';
$current = resolve_inside($baseDir, $dir);

if ($current === null || !is_dir($current)) {
    http_response_code(404);
    exit('Folder not found.');
}

$entries = list_folder($current);
$parent = $dir === '' ? null : (dirname($dir) === '.' ? '' : dirname($dir));

function link_to(string $page, array $query): string
{
    return htmlspecialchars($page . '?' . http_build_query($query), ENT_QUOTES, 'UTF-8');
}
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Files · Dropbin</title><link rel="stylesheet" href="dropbin.css"></head>
<body>
<header>
    <strong>Dropbin</strong> · signed in as <?= htmlspecialchars($user['name'], ENT_QUOTES, 'UTF-8') ?>
</header>
<h1>/<?= htmlspecialchars($dir, ENT_QUOTES, 'UTF-8') ?></h1>
<?php if ($parent !== null): ?>
    <p><a href="<?= link_to('index.php', ['dir' => $parent]) ?>">&uarr; Up</a></p>
<?php endif; ?>
<table>
    <?php foreach ($entries as $entry):
        $relative = ltrim($dir . '/' . $entry['name'], '/'); ?>
        <tr>
            <?php if ($entry['is_dir']): ?>
                <td><a href="<?= link_to('index.php', ['dir' => $relative]) ?>"><?= htmlspecialchars($entry['name'], ENT_QUOTES, 'UTF-8') ?>/</a></td>
                <td></td>
            <?php else: ?>
                <td><a href="<?= link_to('download.php', ['file' => $relative]) ?>"><?= htmlspecialchars($entry['name'], ENT_QUOTES, 'UTF-8') ?></a></td>
                <td><?= htmlspecialchars(human_size($entry['size']), ENT_QUOTES, 'UTF-8') ?></td>
            <?php endif; ?>
            <td><?= date('Y-m-d H:i', $entry['modified']) ?></td>
        </tr>
    <?php endforeach; ?>
</table>
<form action="upload.php" method="post" enctype="multipart/form-data">
    <input type="hidden" name="dir" value="<?= htmlspecialchars($dir, ENT_QUOTES, 'UTF-8') ?>">
    <input type="file" name="upload" required>
    <button>Upload</button>
</form>
</body>
</html>
