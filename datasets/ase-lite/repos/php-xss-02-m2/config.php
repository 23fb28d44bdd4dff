<?php

declare(strict_types=1);

const BEACON_TITLE = 'Build status';
const BEACON_DB_PATH = __DIR__ . '/var/beacon.sqlite';
const REPOSITORY_WEB_URL = 'https://git.example.com/platform/monorepo';
const DASHBOARD_LIMIT = 40;
const COMMIT_SUMMARY_LENGTH = 72;

define('WEBHOOK_SECRET', getenv('BEACON_WEBHOOK_SECRET') ?: '');

const STATUS_LABELS = [
    'passed'    => 'Passed',
    'failed'    => 'Failed',
    'errored'   => 'Errored',
    'cancelled' => 'Cancelled',
    'running'   => 'Running',
];
