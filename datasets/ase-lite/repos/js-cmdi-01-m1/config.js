'use strict';

module.exports = {
  port: Number(process.env.PORT || 7070),
  tools: {
    ping: process.env.NETPROBE_PING || '/bin/ping',
    traceroute: process.env.NETPROBE_TRACEROUTE || '/usr/sbin/traceroute',
    dig: process.env.NETPROBE_DIG || '/usr/bin/dig',
  },
  limits: {
    maxPingCount: 10,
    maxHops: 30,
    timeoutMs: 30000,
  },
  dnsTypes: ['A', 'AAAA', 'MX', 'TXT', 'NS', 'CNAME', 'SOA'],
};
