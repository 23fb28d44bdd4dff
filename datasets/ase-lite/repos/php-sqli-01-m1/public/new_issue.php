<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

if (current_user_id() === null) {
    redirect('issues.php');
}

$projects = db()->query('SELECT id, name FROM projects ORDER BY name')->fetchAll();
$errors = [];
$vals = ['project' => '', 'title' => '', 'body' => '', 'priority' => 'normal'];

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    foreach (array_keys($vals) as $col) {
        $vals[$col] = post_param($col);
    }

    if ($vals['title'] === '') {
        $errors[] = 'A title is required.';
    }
    if (!in_array($vals['priority'], ISSUE_PRIORITIES, true)) {
        $errors[] = 'Unknown priority.';
    }
    $workspaceIds = array_map(static fn (array $p): string => (string) $p['id'], $projects);
    if (!in_array($vals['project'], $workspaceIds, true)) {
        $errors[] = 'Choose a project.';
    }

    if (!$errors) {
        database_execute(
            'INSERT INTO issues (project_id, title, body, status, priority, reporter_id, created_at, updated_at)'
            . " VALUES (?, ?, ?, 'open', ?, ?, NOW(), NOW())",
            [(int) $vals['project'], $vals['title'], $vals['body'], $vals['priority'], current_user_id()]
        );
        redirect('issue.php?id=' . (int) db()->lastInsertId());
    }
}

render_header('New issue');
?>
<h1>New issue</h1>
<?php foreach ($errors as $error): ?>
    <p class="error"><?= e($error) ?></p>
<?php endforeach; ?>
<form method="post" class="issue-form">
    <label>Project
        <select name="project">
            <?php foreach ($projects as $project): ?>
                <option value="<?= e($project['id']) ?>" <?= (string) $project['id'] === $vals['project'] ? 'selected' : '' ?>><?= e($project['name']) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Title <input name="title" value="<?= e($vals['title']) ?>" required></label>
    <label>Priority
        <select name="priority">
            <?php foreach (ISSUE_PRIORITIES as $priority): ?>
                <option value="<?= e($priority) ?>" <?= $priority === $vals['priority'] ? 'selected' : '' ?>><?= e(ucfirst($priority)) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Description <textarea name="body" rows="8"><?= e($vals['body']) ?></textarea></label>
    <button type="submit">Open issue</button>
</form>
<?php
draw_footer();
