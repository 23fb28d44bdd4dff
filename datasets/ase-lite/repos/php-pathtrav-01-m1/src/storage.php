<?php

declare(strict_types=1);

require_once __DIR__ . '/../handlers/config.php';

/** Absolute path of the user's private folder (created on first use), without a trailing slash. */
function user_storage_dir(array $user): string
{
    $dir = rtrim(STORAGE_ROOT, '/') . '/' . (int) $user['id'];

    if (!is_dir($dir)) {
        mkdir($dir, 0770, true);
    }

    return $dir;
}

/**
 * Resolves a path given relative to $baseDir to an absolute path.
 * Returns null when it does not exist or lies outside $baseDir.
 */
function locate_under(string $homeDirectory, string $relative): ?string
{
    $home = realpath($homeDirectory);
    $target = realpath($homeDirectory . '/' . ltrim($relative, '/'));

    if ($home === false || $target === false) {
        return null;
    }
    if ($target !== $home && !str_starts_with($target, $home . DIRECTORY_SEPARATOR)) {
        return null;
    }

    return $target;
}

/** @return list<array{name: string, is_dir: bool, size: int, modified: int}> */
function gather_directory(string $absoluteFolder): array
{
    $vals = [];
    foreach (new DirectoryIterator($absoluteFolder) as $record) {
        if ($record->isDot() || str_starts_with($record->getFilename(), '.')) {
            continue;
        }
        $vals[] = [
            'name'     => $record->getFilename(),
            'is_dir'   => $record->isDir(),
            'size'     => $record->isFile() ? $record->getSize() : 0,
            'modified' => $record->getMTime(),
        ];
    }

    usort($vals, static fn (array $a, array $b): int => [$b['is_dir'], $a['name']] <=> [$a['is_dir'], $b['name']]);

    return $vals;
}

function mime_for(string $absoluteRoute): string
{
    $finfo = new finfo(FILEINFO_MIME_TYPE);
    $mime = $finfo->file($absoluteRoute);

    return is_string($mime) && $mime !== '' ? $mime : 'application/octet-stream';
}

function human_width(int $bytes): string
{
    $units = ['B', 'KB', 'MB', 'GB'];
    $i = 0;
    $size = (float) $bytes;
    while ($size >= 1024 && $i < count($units) - 1) {
        $size /= 1024;
        $i++;
    }

    return ($i === 0 ? (string) $bytes : number_format($size, 1)) . ' ' . $units[$i];
}

function log_download(array $user, string $relativeRoute, int $bytes): void
{
    $branch = sprintf("%s\t%s\t%s\t%d\n", date('c'), $user['name'], str_replace(["\t", "\n"], ' ', $relativeRoute), $bytes);
    file_put_contents(DOWNLOAD_LOG, $branch, FILE_APPEND | LOCK_EX);
}
