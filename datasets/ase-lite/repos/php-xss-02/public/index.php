<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/builds.php';
require_once __DIR__ . '/../src/views.php';

$db = beacon_db();
$branch = isset($_GET['branch']) && is_string($_GET['branch']) ? trim($_GET['branch']) : '';

render_page_start(BEACON_TITLE, 30);
render_branch_picker(known_branches($db), $branch);
render_build_table(recent_builds($db, $branch), $branch);
render_page_end();
