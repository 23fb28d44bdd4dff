<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/Database.php';
require_once __DIR__ . '/../src/modules/InvoiceRepository.php';
require_once __DIR__ . '/../src/http.php';
require_once __DIR__ . '/../src/money.php';

$config = Database::config();
$repository = new InvoiceRepository(Database::connection());

$customer = request_string('customer');
$status = request_string('status');
$sort = request_string('sort', 'issued');

$invoices = $repository->search($customer, $status, $sort, $config['page_size']);
$totals = $repository->totalsByStatus();
?>
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Invoices · Ledgerly</title>
    <link rel="stylesheet" href="/css/ledgerly.css">
</head>
<body>
<header>
    <h1>Invoices</h1>
    <ul class="totals">
        <?php foreach ($totals as $name => $cents): ?>
            <li><?= h(ucfirst($name)) ?>: <?= h(format_money($cents)) ?></li>
        <?php endforeach; ?>
    </ul>
</header>

<form method="get" class="search">
    <input type="search" name="customer" value="<?= h($customer) ?>" placeholder="Customer or invoice number">
    <select name="status">
        <option value="">All</option>
        <option value="overdue" <?= $status === 'overdue' ? 'selected' : '' ?>>Overdue</option>
        <?php foreach ($config['statuses'] as $option): ?>
            <option value="<?= h($option) ?>" <?= $option === $status ? 'selected' : '' ?>><?= h(ucfirst($option)) ?></option>
        <?php endforeach; ?>
    </select>
    <select name="sort">
        <option value="issued">Newest</option>
        <option value="due" <?= $sort === 'due' ? 'selected' : '' ?>>Due date</option>
        <option value="amount" <?= $sort === 'amount' ? 'selected' : '' ?>>Amount</option>
        <option value="customer" <?= $sort === 'customer' ? 'selected' : '' ?>>Customer</option>
    </select>
    <button>Search</button>
</form>

<table>
    <thead><tr><th>Number</th><th>Customer</th><th>Issued</th><th>Due</th><th>Status</th><th class="num">Total</th></tr></thead>
    <tbody>
    <?php foreach ($invoices as $invoice): ?>
        <tr class="<?= is_overdue($invoice) ? 'overdue' : '' ?>">
            <td><a href="invoice.php?id=<?= h($invoice['id']) ?>"><?= h($invoice['number']) ?></a></td>
            <td><?= h($invoice['customer_name']) ?></td>
            <td><?= h($invoice['issued_on']) ?></td>
            <td><?= h($invoice['due_on']) ?></td>
            <td><?= h($invoice['status']) ?></td>
            <td class="num"><?= h(format_money((int) $invoice['total_cents'])) ?></td>
        </tr>
    <?php endforeach; ?>
    <?php if (!$invoices): ?>
        <tr><td colspan="6">No invoices match.</td></tr>
    <?php endif; ?>
    </tbody>
</table>
</body>
</html>
