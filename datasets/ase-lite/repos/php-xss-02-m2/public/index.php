<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/builds.php';
require_once __DIR__ . '/../src/internal/views.php';

$db = beacon_db();
$branch = isset($_GET['branch']) && is_string($_GET['branch']) ? trim($_GET['branch']) : '';

draw_html_begin(BEACON_TITLE, 30);
emit_line_picker(known_branches($db), $branch);
render_build_table(recent_builds($db, $branch), $branch);
draw_sheet_end();
