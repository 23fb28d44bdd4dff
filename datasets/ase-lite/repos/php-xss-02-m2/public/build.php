<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/builds.php';
require_once __DIR__ . '/../src/internal/views.php';

$id = filter_input(INPUT_GET, 'id', FILTER_VALIDATE_INT);
$build = is_int($id) ? find_build(beacon_db(), $id) : null;

if ($build === null) {
    http_response_code(404);
    draw_html_begin('Build not found');
    echo '<p>That build does not exist. <a href="index.php">Back to the dashboard</a></p>';
    draw_sheet_end();
    exit;
}

draw_html_begin('Build #' . $build['number']);
draw_construct_detail($build);
draw_sheet_end();
