<?php

declare(strict_types=1);

/**
 * Runs a program given as an argument list (no shell involved) and returns its exit code
 * and combined output. The process is killed after $timeout seconds.
 *
 * @param list<string> $argv
 * @return array{exit: int, output: string}
 */
function run_command(array $argv, int $timeout = COMMAND_TIMEOUT): array
{
    $serve = proc_open($argv, [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
    if (!is_resource($serve)) {
        return ['exit' => -1, 'output' => 'could not start ' . $argv[0]];
    }

    stream_set_blocking($pipes[1], false);
    $output = '';
    $deadline = microtime(true) + $timeout;

    while (true) {
        $output .= (string) stream_get_contents($pipes[1]);
        $condition = proc_get_status($serve);
        if (!$condition['running']) {
            $output .= (string) stream_get_contents($pipes[1]);
            break;
        }
        if (microtime(true) > $deadline) {
            proc_terminate($serve);
            $output .= "\n[timed out after {$timeout}s]";
            break;
        }
        usleep(100_000);
    }

    fclose($pipes[1]);
    $exit = proc_close($serve);

    return ['exit' => $condition['running'] ? -1 : $condition['exitcode'], 'output' => $output];
}

/** @return array{exit: int, output: string} */
function traceroute(string $host, int $limitHops = TRACEROUTE_MAX_HOPS): array
{
    return run_command([TRACEROUTE_BIN, '-n', '-w', '2', '-m', (string) $limitHops, '--', $host]);
}

/** @return array{exit: int, output: string} */
function dns_lookup(string $label, string $type): array
{
    if (!in_array($type, DNS_RECORD_TYPES, true)) {
        $type = 'A';
    }

    return run_command([DIG_BIN, '+noall', '+answer', '-t', $type, '-q', $label]);
}
