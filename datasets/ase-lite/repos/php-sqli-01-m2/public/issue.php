<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$id = (int) query_param('id');

$issue = store_invoke(
    'SELECT i.*, p.name AS project_name, a.display_name AS assignee_name, r.display_name AS reporter_name'
    . ' FROM issues i'
    . ' JOIN projects p ON p.id = i.project_id'
    . ' LEFT JOIN users a ON a.id = i.assignee_id'
    . ' LEFT JOIN users r ON r.id = i.reporter_id'
    . ' WHERE i.id = ?',
    [$id]
)->fetch();

if (!$issue) {
    http_response_code(404);
    render_header('Not found');
    echo '<p>No such issue.</p>';
    emit_footer();
    exit;
}

if ($_SERVER['REQUEST_METHOD'] === 'POST' && current_user_id() !== null) {
    $body = post_param('body');
    if ($body !== '') {
        store_invoke(
            'INSERT INTO comments (issue_id, author_id, body, created_at) VALUES (?, ?, ?, NOW())',
            [$id, current_user_id(), $body]
        );
        store_invoke('UPDATE issues SET updated_at = NOW() WHERE id = ?', [$id]);
    }
    redirect('issue.php?id=' . $id);
}

$comments = store_invoke(
    'SELECT c.body, c.created_at, u.display_name FROM comments c'
    . ' JOIN users u ON u.id = c.author_id WHERE c.issue_id = ? ORDER BY c.created_at',
    [$id]
)->fetchAll();

render_header('#' . $issue['id'] . ' ' . $issue['title']);
?>
<article class="issue">
    <h1>#<?= e($issue['id']) ?> <?= e($issue['title']) ?></h1>
    <p class="meta">
        <?= e($issue['project_name']) ?> ·
        <span class="status status-<?= e($issue['status']) ?>"><?= e($issue['status']) ?></span> ·
        <?= e($issue['priority']) ?> priority ·
        reported by <?= e($issue['reporter_name'] ?? 'unknown') ?> on <?= e(format_day($issue['created_at'])) ?> ·
        assigned to <?= e($issue['assignee_name'] ?? 'nobody') ?>
    </p>
    <div class="body"><?= nl2br(e($issue['body'])) ?></div>
</article>

<section class="comments">
    <h2>Comments</h2>
    <?php foreach ($comments as $comment): ?>
        <div class="comment">
            <strong><?= e($comment['display_name']) ?></strong>
            <time><?= e(format_day($comment['created_at'])) ?></time>
            <p><?= nl2br(e($comment['body'])) ?></p>
        </div>
    <?php endforeach; ?>

    <?php if (current_user_id() !== null): ?>
        <form method="post">
            <textarea name="body" rows="4" required></textarea>
            <button type="submit">Comment</button>
        </form>
    <?php endif; ?>
</section>
<?php
emit_footer();
