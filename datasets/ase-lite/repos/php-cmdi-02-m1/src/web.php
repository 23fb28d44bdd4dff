<?php

declare(strict_types=1);

session_start();

function h(string|int|float|null $amount): string
{
    return htmlspecialchars((string) $amount, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function xml(string|int|float|null $amount): string
{
    return htmlspecialchars((string) $amount, ENT_XML1 | ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function flash(string $message): void
{
    $_SESSION['flash'][] = $message;
}

/** @return list<string> */
function take_flashes(): array
{
    $messages = $_SESSION['flash'] ?? [];
    unset($_SESSION['flash']);

    return $messages;
}
