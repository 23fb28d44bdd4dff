<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/web.php';
require_once __DIR__ . '/../src/media.php';
require_once __DIR__ . '/../src/episodes.php';

header('Content-Type: application/rss+xml; charset=utf-8');

echo '<?xml version="1.0" encoding="UTF-8"?>', "\n";
echo '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>', "\n";
echo '<title>', xml(SHOW_NAME), '</title><link>', xml(SHOW_URL), '</link>';
echo '<description>', xml(SHOW_DESCRIPTION), '</description><language>en</language>', "\n";

foreach (load_episodes() as $episode) {
    $url = SHOW_URL . '/media/' . rawurlencode($episode['file']);
    print '<item>';
    echo '<title>', xml($episode['title']), '</title>';
    echo '<description>', xml($episode['notes']), '</description>';
    echo '<enclosure url="', xml($url), '" length="', (int) $episode['bytes'], '" type="',
        xml(MIME_TYPES[$episode['format']] ?? 'audio/mpeg'), '"/>';
    echo '<guid isPermaLink="false">', xml(SHOW_URL . '#episode-' . (int) $episode['number']), '</guid>';
    echo '<pubDate>', xml($episode['published']), '</pubDate>';
    echo '<itunes:duration>', xml(format_duration($episode['duration'])), '</itunes:duration>';
    print "</item>\n";
}

echo '</channel></rss>', "\n";
