<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

if (current_user_id() === null) {
    redirect('issues.php');
}

$projects = db()->query('SELECT id, name FROM projects ORDER BY name')->fetchAll();
$errors = [];
$values = ['project' => '', 'title' => '', 'body' => '', 'priority' => 'normal'];

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    foreach (array_keys($values) as $field) {
        $values[$field] = post_param($field);
    }

    if ($values['title'] === '') {
        $errors[] = 'A title is required.';
    }
    if (!in_array($values['priority'], ISSUE_PRIORITIES, true)) {
        $errors[] = 'Unknown priority.';
    }
    $projectIds = array_map(static fn (array $p): string => (string) $p['id'], $projects);
    if (!in_array($values['project'], $projectIds, true)) {
        $errors[] = 'Choose a project.';
    }

    if (!$errors) {
        db_run(
            'INSERT INTO issues (project_id, title, body, status, priority, reporter_id, created_at, updated_at)'
            . " VALUES (?, ?, ?, 'open', ?, ?, NOW(), NOW())",
            [(int) $values['project'], $values['title'], $values['body'], $values['priority'], current_user_id()]
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
                <option value="<?= e($project['id']) ?>" <?= (string) $project['id'] === $values['project'] ? 'selected' : '' ?>><?= e($project['name']) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Title <input name="title" value="<?= e($values['title']) ?>" required></label>
    <label>Priority
        <select name="priority">
            <?php foreach (ISSUE_PRIORITIES as $priority): ?>
                <option value="<?= e($priority) ?>" <?= $priority === $values['priority'] ? 'selected' : '' ?>><?= e(ucfirst($priority)) ?></option>
            <?php endforeach; ?>
        </select>
    </label>
    <label>Description <textarea name="body" rows="8"><?= e($values['body']) ?></textarea></label>
    <button type="submit">Open issue</button>
</form>
<?php
render_footer();
