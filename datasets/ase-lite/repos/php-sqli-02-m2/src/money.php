<?php

declare(strict_types=1);

function format_money(int $cents, ?string $currency = null): string
{
    $config = Database::config();
    $formatter = new NumberFormatter($config['locale'], NumberFormatter::CURRENCY);

    return $formatter->formatCurrency($cents / 100, $currency ?? $config['currency']);
}

function is_overdue(array $invoice): bool
{
    return $invoice['status'] === 'sent'
        && $invoice['due_on'] !== null
        && strtotime($invoice['due_on']) < strtotime('today');
}
