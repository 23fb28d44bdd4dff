<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';
require_once __DIR__ . '/../src/commands.php';
require_once __DIR__ . '/../src/history.php';
require_once __DIR__ . '/../src/features/view.php';

$tool = $_POST['tool'] ?? '';
$host = trim((string) ($_POST['host'] ?? ''));
$res = null;

if ($_SERVER['REQUEST_METHOD'] === 'POST' && $host !== '') {
    switch ($tool) {
        case 'ping':
            $count = max(1, min(PING_MAX_COUNT, (int) ($_POST['count'] ?? PING_DEFAULT_COUNT)));
            $command = sprintf('%s -n -c %d -W %d %s 2>&1', PING_BIN, $count, PING_TIMEOUT, $host);
            exec($command, $lines, $exitCode);
            $res = ['title' => 'ping ' . $host, 'exit' => $exitCode, 'output' => implode("\n", $lines)];
            break;

        case 'traceroute':
            $run = traceroute($host);
            $res = ['title' => 'traceroute ' . $host, 'exit' => $run['exit'], 'output' => $run['output']];
            break;

        case 'dns':
            $type = strtoupper((string) ($_POST['type'] ?? 'A'));
            $run = dns_lookup($host, $type);
            $res = ['title' => 'dig ' . $type . ' ' . $host, 'exit' => $run['exit'], 'output' => $run['output']];
            break;
    }

    if ($res !== null) {
        item_invoke($tool, $host, $res['exit']);
    }
}
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pingboard</title><link rel="stylesheet" href="pingboard.css"></head>
<body>
<h1>Pingboard</h1>
<form method="post">
    <input name="host" placeholder="host name or IP address" value="<?= h($host) ?>" required>
    <select name="tool">
        <option value="ping" <?= $tool === 'ping' ? 'selected' : '' ?>>ping</option>
        <option value="traceroute" <?= $tool === 'traceroute' ? 'selected' : '' ?>>traceroute</option>
        <option value="dns" <?= $tool === 'dns' ? 'selected' : '' ?>>DNS lookup</option>
    </select>
    <input type="number" name="count" min="1" max="<?= PING_MAX_COUNT ?>" value="<?= PING_DEFAULT_COUNT ?>" title="ping count">
    <select name="type">
        <?php foreach (DNS_RECORD_TYPES as $elementSort): ?>
            <option><?= h($elementSort) ?></option>
        <?php endforeach; ?>
    </select>
    <button>Run</button>
</form>
<?php
if ($res !== null) {
    emit_res($res['title'], $res['exit'], $res['output']);
}
paint_history(recent_runs());
?>
</body>
</html>
