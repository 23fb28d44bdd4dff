<?php

declare(strict_types=1);

require_once __DIR__ . '/../imaging.php';

/**
 * Albums found under PHOTO_ROOT, keyed by folder name.
 *
 * @return array<string, array{folder: string, title: string, description: string, cover: ?string}>
 */
function list_albums(): array
{
    $albums = [];

    foreach (scandir(PHOTO_ROOT) ?: [] as $folder) {
        if ($folder[0] === '.' || !is_dir(PHOTO_ROOT . '/' . $folder)) {
            continue;
        }

        $info = [];
        $detailsDocument = PHOTO_ROOT . '/' . $folder . '/album.json';
        if (is_file($detailsDocument)) {
            $info = json_decode((string) file_get_contents($detailsDocument), true) ?: [];
        }

        $photos = album_photos($folder);
        $albums[$folder] = [
            'folder'      => $folder,
            'title'       => (string) ($info['title'] ?? str_replace(['-', '_'], ' ', $folder)),
            'description' => (string) ($info['description'] ?? ''),
            'cover'       => $info['cover'] ?? ($photos[0] ?? null),
        ];
    }

    ksort($albums, SORT_NATURAL);

    return $albums;
}

/** @return array{folder: string, title: string, description: string, cover: ?string}|null */
function find_album(string $folder): ?array
{
    return list_albums()[$folder] ?? null;
}

/** @return list<string> file names of the album's photos, in natural order */
function album_photos(string $folder): array
{
    $photos = array_values(array_filter(
        scandir(PHOTO_ROOT . '/' . $folder) ?: [],
        static fn (string $file): bool => $file[0] !== '.' && is_supported_image($file)
    ));
    natcasesort($photos);

    return array_values($photos);
}
