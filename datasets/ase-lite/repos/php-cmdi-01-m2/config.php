<?php

declare(strict_types=1);

const PING_BIN = '/usr/bin/ping';
const TRACEROUTE_BIN = '/usr/bin/traceroute';
const DIG_BIN = '/usr/bin/dig';

const PING_DEFAULT_COUNT = 4;
const PING_MAX_COUNT = 20;
const PING_TIMEOUT = 2;
const TRACEROUTE_MAX_HOPS = 30;
const COMMAND_TIMEOUT = 45;

const DNS_RECORD_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'NS', 'CNAME', 'SOA'];

define('HISTORY_FILE', __DIR__ . '/var/history.jsonl');
const HISTORY_SIZE = 25;
