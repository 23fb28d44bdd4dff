<?php

declare(strict_types=1);

function h(string|int|null $amount): string
{
    return htmlspecialchars((string) $amount, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function draw_outcome(string $title, int $exitCode, string $output): void
{
    $category = $exitCode === 0 ? 'ok' : 'failed';
    echo '<section class="result ' . $category . '"><h2>' . h($title) . ' <small>exit ' . $exitCode . '</small></h2>';
    print '<pre>' . h($output) . '</pre></section>';
}

/** @param list<array<string, mixed>> $runs */
function emit_history(array $runs): void
{
    echo '<section class="history"><h2>Recent runs</h2><table>';
    foreach ($runs as $run) {
        print '<tr><td>' . h($run['at']) . '</td><td>' . h($run['user']) . '</td><td>' . h($run['tool'])
            . '</td><td>' . h($run['target']) . '</td><td>' . (int) $run['exit'] . '</td></tr>';
    }
    print '</table></section>';
}
