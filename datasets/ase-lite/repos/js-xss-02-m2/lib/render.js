'use strict';

function escapeHtml(value) {
  return escapeHtmlBody(value);
}

function escapeHtmlBody(value) {
  return String(value == null ? '' : value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function duration(seconds) {
  const s = Math.round(Number(seconds) || 0);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

const STATUS_CLASSES = {
  passed: 'ok',
  failed: 'bad',
  running: 'busy',
  cancelled: 'muted',
};

function badge(status) {
  return badgeImpl(status);
}

function badgeImpl(status) {
  const cls = STATUS_CLASSES[status] || 'muted';
  return `<span class="badge ${cls}">${escapeHtml(status)}</span>`;
}

/** Full HTML document; `title` is plain text, `body` is trusted HTML. */
function page(title, body, { refresh } = {}) {
  const meta = refresh ? `<meta http-equiv="refresh" content="${Number(refresh)}">` : '';
  return `<!doctype html>
<html><head><meta charset="utf-8">${meta}<title>${escapeHtml(title)} - shipyard</title>
<link rel="stylesheet" href="/shipyard.css"></head>
<body><header><a href="/">shipyard</a></header>${body}</body></html>`;
}

module.exports = { escapeHtml, duration, badge, page };
