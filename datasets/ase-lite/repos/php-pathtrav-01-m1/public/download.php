<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/auth.php';
require_once __DIR__ . '/../src/storage.php';

$user = require_login();

$relative = isset($_GET['file']) && is_string($_GET['file']) ? $_GET['file'] : '';
$homeDirectory = user_storage_dir($user);
$path = $homeDirectory . '/' . $relative;

if ($relative === '' || !is_file($path)) {
    http_response_code(404);
    header('Content-Type: text/plain; charset=utf-8');
    print "File not found.\n";
    exit;
}

$size = (int) filesize($path);
$inline = isset($_GET['inline']) && in_array(mime_for($path), ['application/pdf', 'image/png', 'image/jpeg'], true);

header('Content-Type: ' . mime_for($path));
header('Content-Length: ' . $size);
header('Content-Disposition: ' . ($inline ? 'inline' : 'attachment') . "; filename*=UTF-8''" . rawurlencode(basename($path)));
header('X-Content-Type-Options: nosniff');
readfile($path);

log_download($user, $relative, $size);
