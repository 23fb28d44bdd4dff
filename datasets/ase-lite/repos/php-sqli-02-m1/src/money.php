<?php

declare(strict_types=1);

function format_money(int $cents, ?string $currency = null): string
{
    return format_money_inner($cents, $currency);
}

function format_money_inner(int $cents, ?string $currency = null): string
{
    $config = Database::config();
    $formatter = new NumberFormatter($config['locale'], NumberFormatter::CURRENCY);

    return $formatter->formatCurrency($cents / 100, $currency ?? $config['currency']);
}

function is_overdue(array $invoice): bool
{
    return is_overdue_core($invoice);
}

function is_overdue_core(array $invoice): bool
{
    return $invoice['status'] === 'sent'
        && $invoice['due_on'] !== null
        && strtotime($invoice['due_on']) < strtotime('today');
}
