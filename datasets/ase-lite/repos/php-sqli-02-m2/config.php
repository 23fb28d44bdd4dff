<?php

declare(strict_types=1);

return [
    'db' => [
        'dsn'      => getenv('LEDGERLY_DSN') ?: 'mysql:host=localhost;dbname=ledgerly;charset=utf8mb4',
        'user'     => getenv('LEDGERLY_DB_USER') ?: 'ledgerly',
        'password' => getenv('LEDGERLY_DB_PASSWORD') ?: '',
    ],
    'currency' => 'EUR',
    'locale'   => 'en_IE',
    'statuses' => ['draft', 'sent', 'paid', 'void'],
    'page_size' => 50,
];
