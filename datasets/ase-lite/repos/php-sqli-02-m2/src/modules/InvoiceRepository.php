<?php

declare(strict_types=1);

final class InvoiceRepository
{
    private const LIST_COLUMNS = 'i.id, i.number, i.issued_on, i.due_on, i.status, i.total_cents,'
        . ' c.name AS customer_name';

    /** @return array<string, mixed>|null */
    public function find(int $id): ?array
    {
        $stmt = $this->pdo->prepare(
            'SELECT i.*, c.name AS customer_name, c.email AS customer_email, c.vat_number'
            . ' FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?'
        );
        $stmt->execute([$id]);
        $invoice = $stmt->fetch();

        return $invoice === false ? null : $invoice;
    }

    public function __construct(private readonly PDO $pdo)
    {
    }

    /** @return array<string, int> total amount in cents per status */
    public function totalsByStatus(): array
    {
        $rows = $this->pdo->query(
            'SELECT status, SUM(total_cents) AS total FROM invoices GROUP BY status'
        )->fetchAll();

        $totals = [];
        foreach ($rows as $row) {
            $totals[$row['status']] = (int) $row['total'];
        }

        return $totals;
    }

    /**
     * Invoices matching the list filters, newest first unless another order is requested.
     *
     * @return list<array<string, mixed>>
     */
    public function search(string $customer, string $status, string $sort, int $limit): array
    {
        $sql = 'SELECT ' . self::LIST_COLUMNS
            . ' FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE 1 = 1';
        if ($customer !== '') {
            $sql .= " AND (c.name LIKE '%" . $customer . "%' OR i.number = '" . $customer . "')";
        }
        if ($status === 'overdue') {
            $sql .= " AND i.status = 'sent' AND i.due_on < CURDATE()";
        } elseif ($status !== '') {
            $sql .= " AND i.status = '" . $status . "'";
        }
        $sql .= match ($sort) {
            'due'      => ' ORDER BY i.due_on ASC, i.id ASC',
            'amount'   => ' ORDER BY i.total_cents DESC, i.id DESC',
            'customer' => ' ORDER BY c.name ASC, i.issued_on DESC',
            default    => ' ORDER BY i.issued_on DESC, i.id DESC',
        };

        return $this->pdo->query($sql . ' LIMIT ' . $limit)->fetchAll();
    }

    public function markPaid(int $id, string $paidOn): bool
    {
        $stmt = $this->pdo->prepare(
            "UPDATE invoices SET status = 'paid', paid_on = ? WHERE id = ? AND status = 'sent'"
        );
        $stmt->execute([$paidOn, $id]);

        return $stmt->rowCount() === 1;
    }

    /** @return list<array<string, mixed>> */
    public function lines(int $invoiceId): array
    {
        $stmt = $this->pdo->prepare(
            'SELECT description, quantity, unit_cents, quantity * unit_cents AS amount_cents'
            . ' FROM invoice_lines WHERE invoice_id = ? ORDER BY id'
        );
        $stmt->execute([$invoiceId]);

        return $stmt->fetchAll();
    }
}
