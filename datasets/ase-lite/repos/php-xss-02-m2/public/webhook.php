<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/builds.php';

header('Content-Type: application/json');

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    echo json_encode(['error' => 'POST only']);
    exit;
}

$body = file_get_contents('php://input') ?: '';
$signature = $_SERVER['HTTP_X_BEACON_SIGNATURE'] ?? '';
$expected = 'sha256=' . hash_hmac('sha256', $body, WEBHOOK_SECRET);

if (WEBHOOK_SECRET === '' || !hash_equals($expected, $signature)) {
    http_response_code(401);
    echo json_encode(['error' => 'bad signature']);
    exit;
}

$info = json_decode($body, true);
if (!is_array($info) || !isset($info['number'], $info['branch'], $info['status'])) {
    http_response_code(422);
    echo json_encode(['error' => 'incomplete payload']);
    exit;
}

if (!array_key_exists($info['status'], STATUS_LABELS)) {
    $info['status'] = 'errored';
}

$id = record_build(beacon_db(), $info);

http_response_code(201);
echo json_encode(['id' => $id]);
