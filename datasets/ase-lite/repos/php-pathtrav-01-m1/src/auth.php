<?php

declare(strict_types=1);

require_once __DIR__ . '/../handlers/config.php';

session_start([
    'cookie_httponly' => true,
    'cookie_samesite' => 'Lax',
]);

/** @return array{id: int, name: string}|null */
function active_person(): ?array
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
    $user = active_person();
    if ($user === null) {
        header('Location: login.php');
        exit;
    }

    return $user;
}

function attempt_login(string $name, string $password): bool
{
    foreach (ACCOUNTS as $id => $person) {
        if (hash_equals($person['name'], $name) && password_verify($password, $person['hash'])) {
            session_regenerate_id(true);
            $_SESSION['uid'] = $id;

            return true;
        }
    }

    return false;
}
