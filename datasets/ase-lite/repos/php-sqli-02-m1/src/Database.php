<?php

declare(strict_types=1);

final class Database
{
    private static ?PDO $connection = null;

    /** @var array<string, mixed>|null */
    private static ?array $config = null;

    /** @return array<string, mixed> */
    public static function config(): array
    {
        return self::$config ??= require __DIR__ . '/../config.php';
    }

    public static function connection(): PDO
    {
        if (self::$connection === null) {
            $db = self::config()['db'];
            self::$connection = new PDO($db['dsn'], $db['user'], $db['password'], [
                PDO::ATTR_ERRMODE            => PDO::ERRMODE_EXCEPTION,
                PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
                PDO::ATTR_EMULATE_PREPARES   => false,
            ]);
        }

        return self::$connection;
    }
}
