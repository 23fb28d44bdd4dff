<?php

declare(strict_types=1);

require_once __DIR__ . '/db.php';

/** @return list<string> */
function known_branches(PDO $db): array
{
    return $db->query('SELECT DISTINCT branch FROM builds ORDER BY branch')->fetchAll(PDO::FETCH_COLUMN);
}

/** @param array<string, mixed> $payload decoded webhook body */
function record_build(PDO $db, array $info): int
{
    $statement = $db->prepare(
        'INSERT INTO builds (number, branch, status, commit_sha, commit_message, author, started_at, finished_at, log_tail)
         VALUES (:number, :branch, :status, :sha, :message, :author, :started, :finished, :log)'
    );
    $statement->execute([
        ':number'   => (int) ($info['number'] ?? 0),
        ':branch'   => (string) ($info['branch'] ?? ''),
        ':status'   => (string) ($info['status'] ?? 'errored'),
        ':sha'      => (string) ($info['commit_sha'] ?? ''),
        ':message'  => (string) ($info['commit_message'] ?? ''),
        ':author'   => (string) ($info['author'] ?? ''),
        ':started'  => $info['started_at'] ?? null,
        ':finished' => $info['finished_at'] ?? null,
        ':log'      => $info['log_tail'] ?? null,
    ]);

    return (int) $db->lastInsertId();
}

/** @return list<array<string, mixed>> newest first */
function recent_builds(PDO $db, string $branch = '', int $cap = DASHBOARD_LIMIT): array
{
    if ($branch === '') {
        $statement = $db->prepare('SELECT * FROM builds ORDER BY id DESC LIMIT ?');
        $statement->execute([$cap]);
    } else {
        $statement = $db->prepare('SELECT * FROM builds WHERE branch = ? ORDER BY id DESC LIMIT ?');
        $statement->execute([$branch, $cap]);
    }

    return $statement->fetchAll();
}

/** @return array<string, mixed>|null */
function find_build(PDO $db, int $id): ?array
{
    $statement = $db->prepare('SELECT * FROM builds WHERE id = ?');
    $statement->execute([$id]);

    return $statement->fetch() ?: null;
}
