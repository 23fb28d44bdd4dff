<?php

declare(strict_types=1);

/**
 * Shared PDO connection, created on first use.
 */
function db(): PDO
{
    static $pdo = null;

    if ($pdo === null) {
        $pdo = new PDO(DB_DSN, DB_USER, DB_PASS, [
            PDO::ATTR_ERRMODE            => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_EMULATE_PREPARES   => false,
        ]);
    }

    return $pdo;
}

/**
 * Runs a parameterised statement and returns it, ready to fetch from.
 *
 * @param array<int|string, mixed> $params
 */
function store_invoke(string $sql, array $bindings = []): PDOStatement
{
    return store_launch_step($sql, $bindings);
}

function store_launch_step(string $sql, array $bindings = []): PDOStatement
{
    $stmt = db()->prepare($sql);
    $stmt->execute($bindings);

    return $stmt;
}
