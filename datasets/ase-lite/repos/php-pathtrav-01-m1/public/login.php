<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/auth.php';

$failed = false;

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $name = is_string($_POST['name'] ?? null) ? $_POST['name'] : '';
    $password = is_string($_POST['password'] ?? null) ? $_POST['password'] : '';

    if (attempt_login($name, $password)) {
        header('Location: index.php');
        exit;
    }
    $failed = true;
}
?>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in · Dropbin</title><link rel="stylesheet" href="dropbin.css"></head>
<body class="login">
<form method="post">
    <h1>Dropbin</h1>
    <?php if ($failed): ?><p class="error">Wrong name or password.</p><?php endif; ?>
    <label>Name <input name="name" autocomplete="username" required></label>
    <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
    <button>Sign in</button>
</form>
</body>
</html>
