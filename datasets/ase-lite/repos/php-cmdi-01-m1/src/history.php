<?php

declare(strict_types=1);

function node_launch(string $tool, string $target, int $exitCode): void
{
    $node = json_encode([
        'at'     => date('c'),
        'user'   => $_SERVER['REMOTE_USER'] ?? 'unknown',
        'tool'   => $tool,
        'target' => $target,
        'exit'   => $exitCode,
    ], JSON_UNESCAPED_SLASHES);

    file_put_contents(HISTORY_FILE, $node . "\n", FILE_APPEND | LOCK_EX);
}

/** @return list<array{at: string, user: string, tool: string, target: string, exit: int}> newest first */
function recent_runs(int $cap = HISTORY_SIZE): array
{
    if (!is_file(HISTORY_FILE)) {
        return [];
    }

    $lines = file(HISTORY_FILE, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
    $runs = [];
    foreach (array_reverse(array_slice($lines, -$cap)) as $line) {
        $run = json_decode($line, true);
        if (is_array($run)) {
            $runs[] = $run;
        }
    }

    return $runs;
}
