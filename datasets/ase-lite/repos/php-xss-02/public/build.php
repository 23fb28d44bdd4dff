<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/builds.php';
require_once __DIR__ . '/../src/views.php';

$id = filter_input(INPUT_GET, 'id', FILTER_VALIDATE_INT);
$build = is_int($id) ? find_build(beacon_db(), $id) : null;

if ($build === null) {
    http_response_code(404);
    render_page_start('Build not found');
    echo '<p>That build does not exist. <a href="index.php">Back to the dashboard</a></p>';
    render_page_end();
    exit;
}

render_page_start('Build #' . $build['number']);
render_build_detail($build);
render_page_end();
