<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

if (current_user_id() === null) {
    redirect('issues.php');
}

$projects = db()->query('SELECT id, name FROM projects ORDER BY name')->fetchAll();
$errors = [];
$entries = ['project' => '', 'title' => '', 'body' => '', 'priority' => 'normal'];

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    foreach (array_keys($entries) as $col) {
        $entries[$col] = post_param($col);
    }

    if ($entries['title'] === '') {
        $errors[] = 'A title is required.';
    }
    if (!in_array($entries['priority'], ISSUE_PRIORITIES, true)) {
        $errors[] = 'Unknown priority.';
    }
    $workspaceIds = array_map(static fn (array $p): string => (string) $p['id'], $projects);
    if (!in_array($entries['project'], $workspaceIds, true)) {
        $errors[] = 'Choose a project.';
    }

    if (!$errors) {
        store_invoke(
            'INSERT INTO issues (project_id, title, body, status, priority, reporter_id, created_at, updated_at)'
            . " VALUES (?, ?, ?, 'open', ?, ?, NOW(), NOW())",
            [(int) $entries['project'], $entries['title'], $entries['body'], $entries['priority'], current_user_id()]
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
                <option value="<?= e($project['id']) ?>" <?= (string) $project['id'] === $entries['project'] ? 'selected' : '' ?>><?= e($project['name']) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Title <input name="title" value="<?= e($entries['title']) ?>" required></label>
    <label>Priority
        <select name="priority">
            <?php foreach (ISSUE_PRIORITIES as $priority): ?>
                <option value="<?= e($priority) ?>" <?= $priority === $entries['priority'] ? 'selected' : '' ?>><?= e(ucfirst($priority)) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Description <textarea name="body" rows="8"><?= e($entries['body']) ?></textarea></label>
    <button type="submit">Open issue</button>
</form>
<?php
emit_footer();
