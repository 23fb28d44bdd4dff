<?php

declare(strict_types=1);

function render_header(string $title): void
{
    ?>
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title><?= e($title) ?> · <?= e(APP_NAME) ?></title>
    <link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<nav class="topbar">
    <a class="brand" href="issues.php"><?= e(APP_NAME) ?></a>
    <a href="issues.php">Issues</a>
    <a href="new_issue.php">New issue</a>
</nav>
<main>
    <?php
}

function draw_footer(): void
{
    ?>
</main>
</body>
</html>
    <?php
}
