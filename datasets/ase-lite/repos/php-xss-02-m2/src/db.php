<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';

function beacon_db(): PDO
{
    static $pdo = null;

    if ($pdo instanceof PDO) {
        return $pdo;
    }

    $pdo = new PDO('sqlite:' . BEACON_DB_PATH, null, null, [
        PDO::ATTR_ERRMODE            => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
    $pdo->exec(
        'CREATE TABLE IF NOT EXISTS builds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            number INTEGER NOT NULL,
            branch TEXT NOT NULL,
            status TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            commit_message TEXT NOT NULL,
            author TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            log_tail TEXT
        )'
    );

    return $pdo;
}
