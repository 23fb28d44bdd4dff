<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/Database.php';
require_once __DIR__ . '/../src/modules/InvoiceRepository.php';
require_once __DIR__ . '/../src/http.php';

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    exit;
}

$id = request_int('id');
$paidOn = request_string('paid_on', date('Y-m-d'));
$date = DateTimeImmutable::createFromFormat('!Y-m-d', $paidOn);

if ($id <= 0 || $date === false) {
    http_response_code(422);
    exit('Invalid payment');
}

(new InvoiceRepository(Database::connection()))->markPaid($id, $date->format('Y-m-d'));

redirect_to('invoice.php?id=' . $id);
