<?php

declare(strict_types=1);

/** @param list<array<string, mixed>> $runs */
function paint_history(array $runs): void
{
    echo '<section class="history"><h2>Recent runs</h2><table>';
    foreach ($runs as $run) {
        echo '<tr><td>' . h($run['at']) . '</td><td>' . h($run['user']) . '</td><td>' . h($run['tool'])
            . '</td><td>' . h($run['target']) . '</td><td>' . (int) $run['exit'] . '</td></tr>';
    }
    echo '</table></section>';
}

function emit_res(string $title, int $exitCode, string $output): void
{
    $category = $exitCode === 0 ? 'ok' : 'failed';
    echo '<section class="result ' . $category . '"><h2>' . h($title) . ' <small>exit ' . $exitCode . '</small></h2>';
    echo '<pre>' . h($output) . '</pre></section>';
}

function h(string|int|null $val): string
{
    return htmlspecialchars((string) $val, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}
