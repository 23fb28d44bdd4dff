<?php

declare(strict_types=1);

function format_duration(?float $seconds): string
{
    if ($seconds === null) {
        return '';
    }

    $total = (int) round($seconds);

    return sprintf('%02d:%02d:%02d', intdiv($total, 3600), intdiv($total % 3600, 60), $total % 60);
}

/** Duration of an audio file in seconds, or null when ffprobe cannot read it. */
function probe_duration(string $path): ?float
{
    $out = shell_exec(
        FFPROBE_BIN . ' -v error -show_entries format=duration -of default=noprint_wrappers=1:nokey=1 '
        . escapeshellarg($path) . ' 2>/dev/null'
    );

    return is_string($out) && is_numeric(trim($out)) ? (float) trim($out) : null;
}

/**
 * Converts a recording to a delivery file in $targetDir and tags it with the episode title.
 * Returns the path of the new file.
 */
function transcode_episode(string $source, string $targetDir, string $format, int $bitrate, string $title): string
{
    $codec = AUDIO_FORMATS[$format] ?? 'libmp3lame';
    $target = $targetDir . '/' . pathinfo($source, PATHINFO_FILENAME) . '.' . $format;
    $command = FFMPEG_BIN . ' -y -hide_banner -loglevel error -i ' . $source
        . ' -vn -c:a ' . $codec . ' -b:a ' . $bitrate . 'k'
        . ' -metadata title="' . $title . '" -metadata artist="' . SHOW_NAME . '"'
        . ' ' . $target . ' 2>&1';
    exec($command, $output, $status);
    if ($status !== 0) {
        throw new RuntimeException('ffmpeg failed: ' . implode("\n", $output));
    }

    return $target;
}
