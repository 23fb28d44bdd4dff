<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/auth.php';
require_once __DIR__ . '/../src/storage.php';

$user = require_login();

if ($_SERVER['REQUEST_METHOD'] !== 'POST' || !isset($_FILES['upload'])) {
    http_response_code(400);
    exit('No file uploaded.');
}

$dir = is_string($_POST['dir'] ?? null) ? trim($_POST['dir'], '/') : '';
$destFolder = locate_under(user_storage_dir($user), $dir);
$upload = $_FILES['upload'];

if ($destFolder === null || !is_dir($destFolder)) {
    http_response_code(404);
    exit('Folder not found.');
}
if ($upload['error'] !== UPLOAD_ERR_OK || $upload['size'] > MAX_UPLOAD_BYTES) {
    http_response_code(413);
    exit('Upload failed or file too large.');
}

$name = preg_replace('/[^\w.\- ]+/u', '_', basename($upload['name']));
if ($name === '' || $name[0] === '.') {
    $name = 'upload-' . date('Ymd-His');
}

$dest = $destFolder . '/' . $name;
if (file_exists($dest)) {
    $payload = pathinfo($name);
    $dest = $destFolder . '/' . $payload['filename'] . '-' . bin2hex(random_bytes(3))
        . (isset($payload['extension']) ? '.' . $payload['extension'] : '');
}

if (!move_uploaded_file($upload['tmp_name'], $dest)) {
    http_response_code(500);
    exit('Could not store the file.');
}

header('Location: index.php?' . http_build_query(['dir' => $dir]));
