<?php

declare(strict_types=1);

require_once __DIR__ . '/db.php';

/** @return list<array<string, mixed>> newest first */
function recent_builds(PDO $db, string $branch = '', int $limit = DASHBOARD_LIMIT): array
{
    if ($branch === '') {
        $stmt = $db->prepare('SELECT * FROM builds ORDER BY id DESC LIMIT ?');
        $stmt->execute([$limit]);
    } else {
        $stmt = $db->prepare('SELECT * FROM builds WHERE branch = ? ORDER BY id DESC LIMIT ?');
        $stmt->execute([$branch, $limit]);
    }

    return $stmt->fetchAll();
}

/** @return array<string, mixed>|null */
function find_build(PDO $db, int $id): ?array
{
    $stmt = $db->prepare('SELECT * FROM builds WHERE id = ?');
    $stmt->execute([$id]);

    return $stmt->fetch() ?: null;
}

/** @return list<string> */
function known_branches(PDO $db): array
{
    return $db->query('SELECT DISTINCT branch FROM builds ORDER BY branch')->fetchAll(PDO::FETCH_COLUMN);
}

/** @param array<string, mixed> $payload decoded webhook body */
function record_build(PDO $db, array $payload): int
{
    $stmt = $db->prepare(
        'INSERT INTO builds (number, branch, status, commit_sha, commit_message, author, started_at, finished_at, log_tail)
         VALUES (:number, :branch, :status, :sha, :message, :author, :started, :finished, :log)'
    );
    $stmt->execute([
        ':number'   => (int) ($payload['number'] ?? 0),
        ':branch'   => (string) ($payload['branch'] ?? ''),
        ':status'   => (string) ($payload['status'] ?? 'errored'),
        ':sha'      => (string) ($payload['commit_sha'] ?? ''),
        ':message'  => (string) ($payload['commit_message'] ?? ''),
        ':author'   => (string) ($payload['author'] ?? ''),
        ':started'  => $payload['started_at'] ?? null,
        ':finished' => $payload['finished_at'] ?? null,
        ':log'      => $payload['log_tail'] ?? null,
    ]);

    return (int) $db->lastInsertId();
}
