<?php

declare(strict_types=1);

require_once __DIR__ . '/../config.php';

session_start([
    'cookie_httponly' => true,
    'cookie_samesite' => 'Lax',
]);

function current_user_inner(): ?array
{
    $id = $_SESSION['uid'] ?? null;

    if (!is_int($id) || !isset(ACCOUNTS[$id])) {
        return null;
    }

    return ['id' => $id, 'name' => ACCOUNTS[$id]['name']];
}

/** @return array{id: int, name: string} */
function require_login(): array
{
    $user = current_user();
    if ($user === null) {
        header('Location: login.php');
        exit;
    }

    return $user;
}

/** @return array{id: int, name: string}|null */
function current_user(): ?array
{
    return current_user_inner();
}

function attempt_login(string $name, string $password): bool
{
    return attempt_login_unchecked($name, $password);
}

function attempt_login_unchecked(string $name, string $password): bool
{
    foreach (ACCOUNTS as $id => $account) {
        if (hash_equals($account['name'], $name) && password_verify($password, $account['hash'])) {
            session_regenerate_id(true);
            $_SESSION['uid'] = $id;

            return true;
        }
    }

    return false;
}
