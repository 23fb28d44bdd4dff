<?php

declare(strict_types=1);

define('STORAGE_ROOT', getenv('DROPBIN_STORAGE') ?: '/var/lib/dropbin/files');
define('DOWNLOAD_LOG', getenv('DROPBIN_LOG') ?: '/var/log/dropbin/downloads.log');

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** id => [name, password hash]; manage with bin/add-user (password_hash, PASSWORD_DEFAULT). */
const ACCOUNTS = [
    1 => ['name' => 'reception', 'hash' => '$2y$10$Hq0lJ7c3S3y2oGmWb5h8OeB3x0b7mM3cVQ8tTnqk8w7r8Yx7Gm5yG'],
    2 => ['name' => 'accounts', 'hash' => '$2y$10$2kq9b1Sg2GJXo0rU8cH0mOqk8m3M6l1uR2c1Yb2vQ9m0pT3c4d5eW'],
];
