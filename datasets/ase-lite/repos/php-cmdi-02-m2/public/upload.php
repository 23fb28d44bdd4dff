<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/web.php';
require_once __DIR__ . '/../src/media.php';
require_once __DIR__ . '/../src/episodes.php';

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Location: index.php');
    exit;
}

$title = trim((string) ($_POST['title'] ?? ''));
$notes = trim((string) ($_POST['notes'] ?? ''));
$format = (string) ($_POST['format'] ?? 'mp3');
$bitrate = (int) ($_POST['bitrate'] ?? 128);
$file = $_FILES['recording'] ?? null;

$extension = strtolower(pathinfo((string) ($file['name'] ?? ''), PATHINFO_EXTENSION));

if ($title === '' || !isset(AUDIO_FORMATS[$format]) || !in_array($bitrate, BITRATES, true)) {
    flash('Please give the episode a title and pick a format and bitrate.');
} elseif ($file === null || $file['error'] !== UPLOAD_ERR_OK || !in_array($extension, SOURCE_EXTENSIONS, true)) {
    flash('Upload a WAV, FLAC, M4A or MP3 recording.');
} else {
    $stored = UPLOAD_DIR . '/' . date('Ymd-His') . '-' . bin2hex(random_bytes(4)) . '.' . $extension;
    move_uploaded_file($file['tmp_name'], $stored);

    try {
        $published = transcode_episode($stored, EPISODE_DIR, $format, $bitrate, $title);
        $number = next_episode_number();
        add_episode([
            'number'    => $number,
            'title'     => $title,
            'notes'     => $notes,
            'file'      => basename($published),
            'format'    => $format,
            'bytes'     => filesize($published),
            'duration'  => probe_duration($published),
            'published' => date(DATE_RFC2822),
        ]);
        flash(sprintf('Episode %d "%s" is live.', $number, $title));
    } catch (RuntimeException $e) {
        error_log($e->getMessage());
        flash('Converting the recording failed; see the server log.');
    } finally {
        @unlink($stored);
    }
}

header('Location: index.php');
