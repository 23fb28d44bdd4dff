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

foreach (fetch_episodes() as $segment) {
    $uri = SHOW_URL . '/media/' . rawurlencode($segment['file']);
    print '<item>';
    echo '<title>', xml($segment['title']), '</title>';
    echo '<description>', xml($segment['notes']), '</description>';
    echo '<enclosure url="', xml($uri), '" length="', (int) $segment['bytes'], '" type="',
        xml(MIME_TYPES[$segment['format']] ?? 'audio/mpeg'), '"/>';
    echo '<guid isPermaLink="false">', xml(SHOW_URL . '#episode-' . (int) $segment['number']), '</guid>';
    echo '<pubDate>', xml($segment['published']), '</pubDate>';
    echo '<itunes:duration>', xml(format_duration($segment['duration'])), '</itunes:duration>';
    echo "</item>\n";
}

echo '</channel></rss>', "\n";
