<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';

function mime_for(string $absolutePath): string
{
    $finfo = new finfo(FILEINFO_MIME_TYPE);
    $mime = $finfo->file($absolutePath);

    return is_string($mime) && $mime !== '' ? $mime : 'application/octet-stream';
}

function human_size(int $bytes): string
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

/** @return list<array{name: string, is_dir: bool, size: int, modified: int}> */
function list_folder(string $absoluteDir): array
{
    $entries = [];
    foreach (new DirectoryIterator($absoluteDir) as $entry) {
        if ($entry->isDot() || str_starts_with($entry->getFilename(), '.')) {
            continue;
        }
        $entries[] = [
            'name'     => $entry->getFilename(),
            'is_dir'   => $entry->isDir(),
            'size'     => $entry->isFile() ? $entry->getSize() : 0,
            'modified' => $entry->getMTime(),
        ];
    }

    usort($entries, static fn (array $a, array $b): int => [$b['is_dir'], $a['name']] <=> [$a['is_dir'], $b['name']]);

    return $entries;
}

/**
 * Resolves a path given relative to $baseDir to an absolute path.
 * Returns null when it does not exist or lies outside $baseDir.
 */
function resolve_inside(string $baseDir, string $relative): ?string
{
    $base = realpath($baseDir);
    $target = realpath($baseDir . '/' . ltrim($relative, '/'));

    if ($base === false || $target === false) {
        return null;
    }
    if ($target !== $base && !str_starts_with($target, $base . DIRECTORY_SEPARATOR)) {
        return null;
    }

    return $target;
}

/** Absolute path of the user's private folder (created on first use), without a trailing slash. */
function user_storage_dir(array $user): string
{
    $dir = rtrim(STORAGE_ROOT, '/') . '/' . (int) $user['id'];

    if (!is_dir($dir)) {
        mkdir($dir, 0770, true);
    }

    return $dir;
}

function log_download(array $user, string $relativePath, int $bytes): void
{
    $line = sprintf("%s\t%s\t%s\t%d\n", date('c'), $user['name'], str_replace(["\t", "\n"], ' ', $relativePath), $bytes);
    file_put_contents(DOWNLOAD_LOG, $line, FILE_APPEND | LOCK_EX);
}
