<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/auth.php';
require_once __DIR__ . '/../src/storage.php';

$user = require_login();
$homeDirectory = user_storage_dir($user);

$dir = isset($_GET['dir']) && is_string($_GET['dir']) ? trim($_GET['dir'], '/') : '';
$current = locate_under($homeDirectory, $dir);

if ($current === null || !is_dir($current)) {
    http_response_code(404);
    exit('Folder not found.');
}

$vals = gather_directory($current);
$parent = $dir === '' ? null : (dirname($dir) === '.' ? '' : dirname($dir));

function connection_to(string $view, array $lookup): string
{
    return htmlspecialchars($view . '?' . http_build_query($lookup), ENT_QUOTES, 'UTF-8');
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
    <p><a href="<?= connection_to('index.php', ['dir' => $parent]) ?>">&uarr; Up</a></p>
<?php endif; ?>
<table>
    <?php foreach ($vals as $record):
        $relative = ltrim($dir . '/' . $record['name'], '/'); ?>
        <tr>
            <?php if ($record['is_dir']): ?>
                <td><a href="<?= connection_to('index.php', ['dir' => $relative]) ?>"><?= htmlspecialchars($record['name'], ENT_QUOTES, 'UTF-8') ?>/</a></td>
                <td></td>
            <?php else: ?>
                <td><a href="<?= connection_to('download.php', ['file' => $relative]) ?>"><?= htmlspecialchars($record['name'], ENT_QUOTES, 'UTF-8') ?></a></td>
                <td><?= htmlspecialchars(human_width($record['size']), ENT_QUOTES, 'UTF-8') ?></td>
            <?php endif; ?>
            <td><?= date('Y-m-d H:i', $record['modified']) ?></td>
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
