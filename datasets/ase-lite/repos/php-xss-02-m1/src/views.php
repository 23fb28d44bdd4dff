<?php

declare(strict_types=1);

require_once __DIR__ . '/html.php';

/**
 * Dashboard table of builds, newest first.
 *
 * @param list<array<string, mixed>> $builds rows from recent_builds()
 * @param string $branch branch the dashboard is filtered on, '' for all
 */
function render_build_table(array $builds, string $branch): void
{
    if ($builds === []) {
        $where = $branch !== '' ? ' on <code>' . $branch . '</code>' : '';
        print '<p class="empty">No builds' . $where . ' yet.</p>';
        return;
    }

    if ($branch !== '') {
        print '<p class="filter">Showing builds of <strong>' . $branch . '</strong> · <a href="index.php">show all</a></p>';
    }

    print '<table class="builds">';
    print '<thead><tr><th>#</th><th>Status</th><th>Branch</th><th>Commit</th>'
        . '<th>Author</th><th>Duration</th><th>Finished</th></tr></thead><tbody>';

    foreach ($builds as $build) {
        $status = (string) $build['status'];
        $label = STATUS_LABELS[$status] ?? ucfirst($status);
        $digest = strtok((string) $build['commit_message'], "\n") ?: '';
        if (mb_strlen($digest) > COMMIT_SUMMARY_LENGTH) {
            $digest = mb_substr($digest, 0, COMMIT_SUMMARY_LENGTH - 1) . '…';
        }
        $lineCategory = 'status-' . $status . ($build['branch'] === $branch ? ' current' : '');

        print '<tr class="' . $lineCategory . '">';
        print '<td><a href="build.php?id=' . (int) $build['id'] . '">' . (int) $build['number'] . '</a></td>';
        print '<td><span class="badge" title="' . $label . '">' . $label . '</span></td>';
        print '<td><a href="index.php?branch=' . $build['branch'] . '">' . $build['branch'] . '</a></td>';
        printf(
            '<td><a class="sha" href="%s">%s</a> %s</td>',
            commit_url((string) $build['commit_sha']),
            substr((string) $build['commit_sha'], 0, 7),
            $digest
        );
        print '<td>' . $build['author'] . '</td>';
        print '<td>' . format_duration($build['started_at'], $build['finished_at']) . '</td>';
        echo '<td title="' . $build['finished_at'] . '">' . time_ago($build['finished_at']) . '</td>';
        print '</tr>';
    }

    print '</tbody></table>';
}

function draw_screen_begin(string $book, int $refreshSeconds = 0): void
{
    print '<!doctype html><html lang="en"><head><meta charset="utf-8">';
    if ($refreshSeconds > 0) {
        echo '<meta http-equiv="refresh" content="' . $refreshSeconds . '">';
    }
    print '<title>' . h($book) . '</title><link rel="stylesheet" href="beacon.css"></head><body>';
    print '<header><h1><a href="index.php">' . h(BEACON_TITLE) . '</a></h1></header><main>';
}

function emit_html_end(): void
{
    echo '</main><footer>Beacon · updated ' . h(date('H:i:s')) . '</footer></body></html>';
}

/** @param array<string, mixed> $build */
function draw_compose_detail(array $build): void
{
    $status = (string) $build['status'];

    print '<article class="build status-' . h(css_token($status)) . '">';
    print '<h2>Build #' . (int) $build['number'] . ' <span class="badge">' . h(STATUS_LABELS[$status] ?? $status) . '</span></h2>';
    print '<dl>';
    print '<dt>Branch</dt><dd><a href="index.php?branch=' . h(rawurlencode($build['branch'])) . '">' . h($build['branch']) . '</a></dd>';
    print '<dt>Commit</dt><dd><a href="' . h(commit_url($build['commit_sha'])) . '">' . h($build['commit_sha']) . '</a></dd>';
    print '<dt>Author</dt><dd>' . h($build['author']) . '</dd>';
    print '<dt>Duration</dt><dd>' . h(format_duration($build['started_at'], $build['finished_at'])) . '</dd>';
    print '</dl>';
    echo '<pre class="message">' . h($build['commit_message']) . '</pre>';
    if ($build['log_tail'] !== null && $build['log_tail'] !== '') {
        print '<h3>Log (last lines)</h3><pre class="log">' . h($build['log_tail']) . '</pre>';
    }
    print '</article>';
}

/** @param list<string> $branches */
function emit_line_picker(array $branches, string $selected): void
{
    print '<form class="branch-picker" method="get" action="index.php"><select name="branch" onchange="this.form.submit()">';
    print '<option value="">All branches</option>';
    foreach ($branches as $name) {
        $isSelected = $name === $selected ? ' selected' : '';
        print '<option value="' . h($name) . '"' . $isSelected . '>' . h($name) . '</option>';
    }
    print '</select></form>';
}
