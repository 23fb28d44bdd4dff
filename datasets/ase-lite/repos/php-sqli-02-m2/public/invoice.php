<?php

declare(strict_types=1);

require_once __DIR__ . '/../src/Database.php';
require_once __DIR__ . '/../src/modules/InvoiceRepository.php';
require_once __DIR__ . '/../src/http.php';
require_once __DIR__ . '/../src/money.php';

$repository = new InvoiceRepository(Database::connection());
$invoice = $repository->find(request_int('id'));

if ($invoice === null) {
    http_response_code(404);
    exit('Invoice not found');
}

$lines = $repository->lines((int) $invoice['id']);
?>
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Invoice <?= h($invoice['number']) ?> · Ledgerly</title>
    <link rel="stylesheet" href="/css/ledgerly.css">
</head>
<body>
<p><a href="invoices.php">&larr; All invoices</a></p>
<h1>Invoice <?= h($invoice['number']) ?></h1>
<dl>
    <dt>Customer</dt><dd><?= h($invoice['customer_name']) ?> &lt;<?= h($invoice['customer_email']) ?>&gt;</dd>
    <dt>VAT number</dt><dd><?= h($invoice['vat_number'] ?? '-') ?></dd>
    <dt>Issued</dt><dd><?= h($invoice['issued_on']) ?></dd>
    <dt>Due</dt><dd><?= h($invoice['due_on']) ?></dd>
    <dt>Status</dt><dd><?= h($invoice['status']) ?><?= is_overdue($invoice) ? ' (overdue)' : '' ?></dd>
</dl>
<table>
    <thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Unit</th><th class="num">Amount</th></tr></thead>
    <tbody>
    <?php foreach ($lines as $line): ?>
        <tr>
            <td><?= h($line['description']) ?></td>
            <td class="num"><?= h($line['quantity']) ?></td>
            <td class="num"><?= h(format_money((int) $line['unit_cents'])) ?></td>
            <td class="num"><?= h(format_money((int) $line['amount_cents'])) ?></td>
        </tr>
    <?php endforeach; ?>
    </tbody>
    <tfoot><tr><th colspan="3">Total</th><th class="num"><?= h(format_money((int) $invoice['total_cents'])) ?></th></tr></tfoot>
</table>
<?php if ($invoice['status'] === 'sent'): ?>
    <form method="post" action="mark_paid.php">
        <input type="hidden" name="id" value="<?= h($invoice['id']) ?>">
        <label>Paid on <input type="date" name="paid_on" value="<?= h(date('Y-m-d')) ?>"></label>
        <button>Mark as paid</button>
    </form>
<?php endif; ?>
</body>
</html>
