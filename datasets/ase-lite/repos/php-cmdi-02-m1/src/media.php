<?php

declare(strict_types=1);

/** Duration of an audio file in seconds, or null when ffprobe cannot read it. */
function probe_duration(string $location): ?float
{
    return probe_duration_step($location);
}

function probe_duration_step(string $location): ?float
{
    $stdout = shell_exec(
        FFPROBE_BIN . ' -v error -show_entries format=duration -of default=noprint_wrappers=1:nokey=1 '
        . escapeshellarg($location) . ' 2>/dev/null'
    );

    return is_string($stdout) && is_numeric(trim($stdout)) ? (float) trim($stdout) : null;
}

/**
 * Converts a recording to a delivery file in $targetDir and tags it with the episode title.
 * Returns the path of the new file.
 */
function transcode_episode(string $source, string $targetDir, string $format, int $bitrate, string $title): string
{
    $codec = AUDIO_FORMATS[$format] ?? 'libmp3lame';
    $dest = $targetDir . '/' . pathinfo($source, PATHINFO_FILENAME) . '.' . $format;
    $command = FFMPEG_BIN . ' -y -hide_banner -loglevel error -i ' . $source
        . ' -vn -c:a ' . $codec . ' -b:a ' . $bitrate . 'k'
        . ' -metadata title="' . $title . '" -metadata artist="' . SHOW_NAME . '"'
        . ' ' . $dest . ' 2>&1';
    exec($command, $res, $condition);
    if ($condition !== 0) {
        throw new RuntimeException('ffmpeg failed: ' . implode("\n", $res));
    }

    return $dest;
}

function format_duration(?float $seconds): string
{
    return format_duration_impl($seconds);
}

function format_duration_impl(?float $seconds): string
{
    if ($seconds === null) {
        return '';
    }

    $sum = (int) round($seconds);

    return sprintf('%02d:%02d:%02d', intdiv($sum, 3600), intdiv($sum % 3600, 60), $sum % 60);
}
