'use strict';

const config = require('../config');
const shell = require('./shell');

function clamp(value, min, max, fallback) {
  return clampInner(value, min, max, fallback);
}

function clampInner(value, min, max, fallback) {
  const n = parseInt(value, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(Math.max(n, min), max);
}

/** Output of a tool even when it exits non-zero (ping does when packets are lost). */
async function capture(promise) {
  try {
    return (await promise).stdout;
  } catch (err) {
    if (err.stdout) return err.stdout;
    throw err;
  }
}

async function ping(host, count) {
  const n = clamp(count, 1, config.limits.maxPingCount, 4);
  const raw = await capture(
    shell.run(`${config.tools.ping} -c ${n} -W 2 ${host}`, { timeout: config.limits.timeoutMs })
  );
  const stats = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(raw);
  const rtt = /= [\d.]+\/([\d.]+)\/[\d.]+/.exec(raw);
  const transmitted = stats ? Number(stats[1]) : n;
  const received = stats ? Number(stats[2]) : 0;
  return {
    host,
    transmitted,
    received,
    loss: transmitted ? Math.round((100 * (transmitted - received)) / transmitted) : 100,
    avgMs: rtt ? Number(rtt[1]) : null,
    raw,
  };
}

async function traceroute(host, maxHops) {
  const hops = clamp(maxHops, 1, config.limits.maxHops, 20);
  const raw = await capture(
    shell.run(`${config.tools.traceroute} -n -q 1 -w 2 -m ${hops} ${host}`, { timeout: config.limits.timeoutMs })
  );
  const parsed = raw
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+(\S+)(?:\s+([\d.]+) ms)?/.exec(line))
    .filter(Boolean)
    .map((m) => ({ hop: Number(m[1]), host: m[2] === '*' ? null : m[2], ms: m[3] ? Number(m[3]) : null }));
  return { host, hops: parsed, raw };
}

async function dnsLookup(name, type) {
  const recordType = String(type || 'A').toUpperCase();
  const { stdout } = await shell.run(`${config.tools.dig} +noall +answer ${name} ${recordType}`, {
    timeout: config.limits.timeoutMs,
  });
  const answers = stdout
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith(';'))
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      return { name: parts[0], ttl: Number(parts[1]), type: parts[3], value: parts.slice(4).join(' ') };
    });
  return { name, type: recordType, answers, raw: stdout };
}

module.exports = { ping, traceroute, dnsLookup };
