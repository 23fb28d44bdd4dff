<?php

declare(strict_types=1);

const SITE_NAME = 'Forkful';
const SEARCH_LIMIT = 30;

define('DATABASE_DSN', getenv('FORKFUL_DSN') ?: 'sqlite:' . dirname(__DIR__) . '/data/forkful.sqlite');

require_once __DIR__ . '/request.php';
require_once __DIR__ . '/view.php';
require_once __DIR__ . '/recipes.php';

function database(): PDO
{
    static $pdo;

    return $pdo ??= new PDO(DATABASE_DSN, null, null, [
        PDO::ATTR_ERRMODE            => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
}
