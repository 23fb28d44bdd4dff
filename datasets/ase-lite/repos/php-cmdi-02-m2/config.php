<?php

declare(strict_types=1);

const SHOW_NAME = 'Night Shift Radio';
const SHOW_DESCRIPTION = 'Conversations with people who work while everyone else sleeps.';
const SHOW_URL = 'https://nightshift.example.org';

const FFMPEG_BIN = '/usr/bin/ffmpeg';
const FFPROBE_BIN = '/usr/bin/ffprobe';

define('UPLOAD_DIR', __DIR__ . '/var/uploads');
define('EPISODE_DIR', __DIR__ . '/public/media');
define('CATALOGUE_FILE', __DIR__ . '/data/episodes.json');

/** delivery format (file extension) => ffmpeg audio codec */
const AUDIO_FORMATS = [
    'mp3'  => 'libmp3lame',
    'm4a'  => 'aac',
    'ogg'  => 'libvorbis',
    'opus' => 'libopus',
];

const MIME_TYPES = ['mp3' => 'audio/mpeg', 'm4a' => 'audio/mp4', 'ogg' => 'audio/ogg', 'opus' => 'audio/ogg'];

/** kbit/s choices offered in the upload form */
const BITRATES = [64, 96, 128, 192];

const SOURCE_EXTENSIONS = ['wav', 'flac', 'm4a', 'mp3'];
