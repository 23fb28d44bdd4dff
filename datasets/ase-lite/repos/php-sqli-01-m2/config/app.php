<?php

declare(strict_types=1);

const APP_NAME = 'Trackly';

define('DB_DSN', getenv('TRACKLY_DSN') ?: 'mysql:host=127.0.0.1;dbname=trackly;charset=utf8mb4');
define('DB_USER', getenv('TRACKLY_DB_USER') ?: 'trackly');
define('DB_PASS', getenv('TRACKLY_DB_PASS') ?: '');

const ISSUES_PER_PAGE = 25;

const ISSUE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'];

const ISSUE_PRIORITIES = ['low', 'normal', 'high', 'critical'];

/** Sort keys accepted by the issue list, mapped to the column they order by. */
const ISSUE_SORT_COLUMNS = [
    'updated'  => 'i.updated_at',
    'created'  => 'i.created_at',
    'priority' => 'i.priority',
    'title'    => 'i.title',
];
