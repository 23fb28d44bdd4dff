<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/web.php';
require_once __DIR__ . '/../src/media.php';
require_once __DIR__ . '/../src/episodes.php';

$episodes = load_episodes();
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title><?= h(SHOW_NAME) ?> · Airwave</title><link rel="stylesheet" href="airwave.css"></head>
<body>
<h1><?= h(SHOW_NAME) ?></h1>
<?php foreach (take_flashes() as $message): ?>
    <p class="flash"><?= h($message) ?></p>
<?php endforeach; ?>

<form action="upload.php" method="post" enctype="multipart/form-data" class="upload">
    <h2>New episode</h2>
    <label>Title <input name="title" required maxlength="200"></label>
    <label>Show notes <textarea name="notes" rows="5"></textarea></label>
    <label>Recording <input type="file" name="recording" accept=".wav,.flac,.m4a,.mp3" required></label>
    <label>Format
        <select name="format">
            <?php foreach (array_keys(AUDIO_FORMATS) as $format): ?>
                <option value="<?= h($format) ?>"><?= h(strtoupper($format)) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Bitrate
        <select name="bitrate">
            <?php foreach (BITRATES as $kbps): ?>
                <option value="<?= (int) $kbps ?>" <?= $kbps === 128 ? 'selected' : '' ?>><?= (int) $kbps ?> kbit/s</option>
            <?php endforeach; ?>
        </select>
    </label>
    <button>Publish</button>
</form>

<h2>Episodes <a href="feed.php" class="rss">RSS</a></h2>
<ol reversed>
    <?php foreach ($episodes as $episode): ?>
        <li>
            <strong>#<?= (int) $episode['number'] ?> <?= h($episode['title']) ?></strong>
            <span><?= h(format_duration($episode['duration'])) ?></span>
            <audio controls preload="none" src="/media/<?= h(rawurlencode($episode['file'])) ?>"></audio>
            <p><?= nl2br(h($episode['notes'])) ?></p>
        </li>
    <?php endforeach; ?>
</ol>
</body>
</html>
