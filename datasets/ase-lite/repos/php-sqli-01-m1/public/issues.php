<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/bootstrap.php';

$db = db();

$projects = $db->query('SELECT id, name FROM projects ORDER BY name')->fetchAll();
$people = $db->query('SELECT id, display_name FROM users ORDER BY display_name')->fetchAll();
$labels = $db->query('SELECT id, name FROM labels ORDER BY name')->fetchAll();

$filters = [
    'project'  => query_param('project'),
    'status'   => query_param('status', 'open'),
    'priority' => query_param('priority'),
    'assignee' => query_param('assignee'),
    'reporter' => query_param('reporter'),
    'label'    => query_param('label'),
    'q'        => query_param('q'),
    'from'     => query_param('from'),
    'to'       => query_param('to'),
];
$sort = query_param('sort', 'updated');
$dir = strtolower(query_param('dir', 'desc')) === 'asc' ? 'ASC' : 'DESC';
$page = max(1, (int) query_param('page', '1'));

$where = [];

if ($filters['project'] !== '') {
    $where[] = 'i.project_id = ' . $filters['project'];
}

if ($filters['status'] === 'active') {
    $where[] = "i.status IN ('open', 'in_progress')";
} elseif ($filters['status'] !== '' && $filters['status'] !== 'all') {
    $where[] = "i.status = '" . $filters['status'] . "'";
}

if ($filters['priority'] !== '') {
    $where[] = "i.priority = '" . $filters['priority'] . "'";
}

if ($filters['assignee'] === 'none') {
    $where[] = 'i.assignee_id IS NULL';
} elseif ($filters['assignee'] === 'me' && current_user_id() !== null) {
    $where[] = 'i.assignee_id = ' . current_user_id();
} elseif ($filters['assignee'] !== '') {
    $where[] = 'i.assignee_id = ' . $filters['assignee'];
}

if ($filters['reporter'] !== '') {
    $where[] = 'i.reporter_id = ' . $filters['reporter'];
}

if ($filters['label'] !== '') {
    $where[] = 'EXISTS (SELECT 1 FROM issue_labels il JOIN labels l ON l.id = il.label_id'
        . " WHERE il.issue_id = i.id AND l.name = '" . $filters['label'] . "')";
}

if ($filters['q'] !== '') {
    $keyword = '%' . $filters['q'] . '%';
    $match = "i.title LIKE '" . $keyword . "' OR i.body LIKE '" . $keyword . "'";
    if (ctype_digit($filters['q'])) {
        $match .= ' OR i.id = ' . $filters['q'];
    }
    $where[] = '(' . $match . ')';
}

if ($filters['from'] !== '') {
    $where[] = "i.created_at >= '" . $filters['from'] . " 00:00:00'";
}

if ($filters['to'] !== '') {
    $where[] = "i.created_at <= '" . $filters['to'] . " 23:59:59'";
}

$whereStmt = $where ? ' WHERE ' . implode(' AND ', $where) : '';

$typeCol = array_key_exists($sort, ISSUE_SORT_COLUMNS) ? ISSUE_SORT_COLUMNS[$sort] : $sort;
$orderBy = ' ORDER BY ' . $typeCol . ' ' . $dir . ', i.id ' . $dir;

$total = (int) $db->query('SELECT COUNT(*) FROM issues i' . $whereStmt)->fetchColumn();
$pages = max(1, (int) ceil($total / ISSUES_PER_PAGE));
$page = min($page, $pages);
$offset = ($page - 1) * ISSUES_PER_PAGE;

$sql = 'SELECT i.id, i.title, i.status, i.priority, i.created_at, i.updated_at,'
    . ' p.name AS project_name, u.display_name AS assignee_name,'
    . ' (SELECT COUNT(*) FROM comments c WHERE c.issue_id = i.id) AS comment_count'
    . ' FROM issues i'
    . ' JOIN projects p ON p.id = i.project_id'
    . ' LEFT JOIN users u ON u.id = i.assignee_id'
    . $whereStmt
    . $orderBy
    . ' LIMIT ' . ISSUES_PER_PAGE . ' OFFSET ' . $offset;

$issues = $db->query($sql)->fetchAll();

$issueLabels = [];
$titleStatement = $db->prepare(
    'SELECT l.name FROM issue_labels il JOIN labels l ON l.id = il.label_id WHERE il.issue_id = ? ORDER BY l.name'
);
foreach ($issues as $issue) {
    $titleStatement->execute([$issue['id']]);
    $issueLabels[(int) $issue['id']] = $titleStatement->fetchAll(PDO::FETCH_COLUMN);
}

$filters['sort'] = $sort;
$filters['dir'] = strtolower($dir);

render_header('Issues');
?>
<h1>Issues <small><?= e((string) $total) ?> found</small></h1>

<form class="filters" method="get" action="issues.php">
    <select name="project">
        <option value="">All projects</option>
        <?php foreach ($projects as $project): ?>
            <option value="<?= e($project['id']) ?>" <?= (string) $project['id'] === $filters['project'] ? 'selected' : '' ?>><?= e($project['name']) ?></option>
        <?php endforeach; ?>
    </select>
    <select name="status">
        <option value="all">Any status</option>
        <option value="active" <?= $filters['status'] === 'active' ? 'selected' : '' ?>>Active</option>
        <?php foreach (ISSUE_STATUSES as $status): ?>
            <option value="<?= e($status) ?>" <?= $status === $filters['status'] ? 'selected' : '' ?>><?= e(ucfirst(str_replace('_', ' ', $status))) ?></option>
        <?php endforeach; ?>
    </select>
    <select name="priority">
        <option value="">Any priority</option>
        <?php foreach (ISSUE_PRIORITIES as $priority): ?>
            <option value="<?= e($priority) ?>" <?= $priority === $filters['priority'] ? 'selected' : '' ?>><?= e(ucfirst($priority)) ?></option>
        <?php endforeach; ?>
    </select>
    <select name="assignee">
        <option value="">Anyone</option>
        <option value="me" <?= $filters['assignee'] === 'me' ? 'selected' : '' ?>>Me</option>
        <option value="none" <?= $filters['assignee'] === 'none' ? 'selected' : '' ?>>Unassigned</option>
        <?php foreach ($people as $member): ?>
            <option value="<?= e($member['id']) ?>" <?= (string) $member['id'] === $filters['assignee'] ? 'selected' : '' ?>><?= e($member['display_name']) ?></option>
        <?php endforeach; ?>
    </select>
    <select name="label">
        <option value="">Any label</option>
        <?php foreach ($labels as $label): ?>
            <option value="<?= e($label['name']) ?>" <?= $label['name'] === $filters['label'] ? 'selected' : '' ?>><?= e($label['name']) ?></option>
        <?php endforeach; ?>
    </select>
    <input type="date" name="from" value="<?= e($filters['from']) ?>">
    <input type="date" name="to" value="<?= e($filters['to']) ?>">
    <input type="search" name="q" placeholder="Search title and description" value="<?= e($filters['q']) ?>">
    <button type="submit">Filter</button>
</form>

<table class="issues">
    <thead>
    <tr>
        <th>#</th>
        <th><a href="<?= e(issues_address($filters, ['sort' => 'title', 'page' => null])) ?>">Title</a></th>
        <th>Project</th>
        <th>Status</th>
        <th><a href="<?= e(issues_address($filters, ['sort' => 'priority', 'page' => null])) ?>">Priority</a></th>
        <th>Assignee</th>
        <th><a href="<?= e(issues_address($filters, ['sort' => 'updated', 'page' => null])) ?>">Updated</a></th>
    </tr>
    </thead>
    <tbody>
    <?php foreach ($issues as $issue): ?>
        <tr>
            <td><?= e($issue['id']) ?></td>
            <td>
                <a href="issue.php?id=<?= e($issue['id']) ?>"><?= e($issue['title']) ?></a>
                <?php foreach ($issueLabels[(int) $issue['id']] ?? [] as $name): ?>
                    <span class="label"><?= e($name) ?></span>
                <?php endforeach; ?>
                <?php if ((int) $issue['comment_count'] > 0): ?>
                    <span class="comments"><?= e($issue['comment_count']) ?> comments</span>
                <?php endif; ?>
            </td>
            <td><?= e($issue['project_name']) ?></td>
            <td><span class="status status-<?= e($issue['status']) ?>"><?= e($issue['status']) ?></span></td>
            <td><?= e($issue['priority']) ?></td>
            <td><?= e($issue['assignee_name'] ?? 'Unassigned') ?></td>
            <td><?= e(format_day($issue['updated_at'])) ?></td>
        </tr>
    <?php endforeach; ?>
    </tbody>
</table>

<nav class="pager">
    <?php if ($page > 1): ?>
        <a href="<?= e(issues_address($filters, ['page' => $page - 1])) ?>">&larr; Previous</a>
    <?php endif; ?>
    <span>Page <?= e((string) $page) ?> of <?= e((string) $pages) ?></span>
    <?php if ($page < $pages): ?>
        <a href="<?= e(issues_address($filters, ['page' => $page + 1])) ?>">Next &rarr;</a>
    <?php endif; ?>
</nav>
<?php
draw_footer();
