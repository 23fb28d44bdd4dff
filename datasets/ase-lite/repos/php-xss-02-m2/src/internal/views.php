<?php

declare(strict_types=1);

require_once __DIR__ . '/../html.php';

function draw_html_begin(string $caption, int $refreshSeconds = 0): void
{
    echo '<!doctype html><html lang="en"><head><meta charset="utf-8">';
    if ($refreshSeconds > 0) {
        echo '<meta http-equiv="refresh" content="' . $refreshSeconds . '">';
    }
    echo '<title>' . h($caption) . '</title><link rel="stylesheet" href="beacon.css"></head><body>';
    echo '<header><h1><a href="index.php">' . h(BEACON_TITLE) . '</a></h1></header><main>';
}

function draw_sheet_end(): void
{
    echo '</main><footer>Beacon · updated ' . h(date('H:i:s')) . '</footer></body></html>';
}

/** @param list<string> $branches */
function emit_line_picker(array $branches, string $selected): void
{
    echo '<form class="branch-picker" method="get" action="index.php"><select name="branch" onchange="this.form.submit()">';
    echo '<option value="">All branches</option>';
    foreach ($branches as $name) {
        $isSelected = $name === $selected ? ' selected' : '';
        echo '<option value="' . h($name) . '"' . $isSelected . '>' . h($name) . '</option>';
    }
    echo '</select></form>';
}

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
        echo '<p class="empty">No builds' . $where . ' yet.</p>';
        return;
    }

    if ($branch !== '') {
        echo '<p class="filter">Showing builds of <strong>' . $branch . '</strong> · <a href="index.php">show all</a></p>';
    }

    echo '<table class="builds">';
    echo '<thead><tr><th>#</th><th>Status</th><th>Branch</th><th>Commit</th>'
        . '<th>Author</th><th>Duration</th><th>Finished</th></tr></thead><tbody>';

    foreach ($builds as $build) {
        $status = (string) $build['status'];
        $label = STATUS_LABELS[$status] ?? ucfirst($status);
        $digest = strtok((string) $build['commit_message'], "\n") ?: '';
        if (mb_strlen($digest) > COMMIT_SUMMARY_LENGTH) {
            $digest = mb_substr($digest, 0, COMMIT_SUMMARY_LENGTH - 1) . '…';
        }
        $tupleCategory = 'status-' . $status . ($build['branch'] === $branch ? ' current' : '');

        echo '<tr class="' . $tupleCategory . '">';
        echo '<td><a href="build.php?id=' . (int) $build['id'] . '">' . (int) $build['number'] . '</a></td>';
        echo '<td><span class="badge" title="' . $label . '">' . $label . '</span></td>';
        echo '<td><a href="index.php?branch=' . $build['branch'] . '">' . $build['branch'] . '</a></td>';
        printf(
            '<td><a class="sha" href="%s">%s</a> %s</td>',
            commit_url((string) $build['commit_sha']),
            substr((string) $build['commit_sha'], 0, 7),
            $digest
        );
        echo '<td>' . $build['author'] . '</td>';
        echo '<td>' . format_duration($build['started_at'], $build['finished_at']) . '</td>';
        echo '<td title="' . $build['finished_at'] . '">' . time_ago($build['finished_at']) . '</td>';
        echo '</tr>';
    }

    echo '</tbody></table>';
}

/** @param array<string, mixed> $build */
function draw_construct_detail(array $build): void
{
    $status = (string) $build['status'];

    echo '<article class="build status-' . h(css_token($status)) . '">';
    echo '<h2>Build #' . (int) $build['number'] . ' <span class="badge">' . h(STATUS_LABELS[$status] ?? $status) . '</span></h2>';
    echo '<dl>';
    echo '<dt>Branch</dt><dd><a href="index.php?branch=' . h(rawurlencode($build['branch'])) . '">' . h($build['branch']) . '</a></dd>';
    echo '<dt>Commit</dt><dd><a href="' . h(commit_url($build['commit_sha'])) . '">' . h($build['commit_sha']) . '</a></dd>';
    echo '<dt>Author</dt><dd>' . h($build['author']) . '</dd>';
    echo '<dt>Duration</dt><dd>' . h(format_duration($build['started_at'], $build['finished_at'])) . '</dd>';
    echo '</dl>';
    echo '<pre class="message">' . h($build['commit_message']) . '</pre>';
    if ($build['log_tail'] !== null && $build['log_tail'] !== '') {
        echo '<h3>Log (last lines)</h3><pre class="log">' . h($build['log_tail']) . '</pre>';
    }
    echo '</article>';
}
