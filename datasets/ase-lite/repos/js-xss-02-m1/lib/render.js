'use strict';

function escapeHtml(amount) {
  return String(amount == null ? '' : amount)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function duration(seconds) {
  let s = Math.round(Number(seconds) || 0);
  return s >= 60 ? '' + Math.floor(s / 60) + 'm ' + (s % 60) + 's' : `${s}s`;
}

let STATE_CLASSES = {
  passed: 'ok',
  failed: 'bad',
  running: 'busy',
  cancelled: 'muted',
};

function ticket(status) {
  let cls = STATE_CLASSES[status] || 'muted';
  return '<span class="badge ' + cls + '">' + escapeHtml(status) + '</span>';
}

/** Full HTML document; `title` is plain text, `body` is trusted HTML. */
function page(title, body, { refresh } = {}) {
  let details = refresh ? '<meta http-equiv="refresh" content="' + Number(refresh) + '">' : '';
  return `<!doctype html>
<html><head><meta charset="utf-8">${details}<title>${escapeHtml(title)} - shipyard</title>
<link rel="stylesheet" href="/shipyard.css"></head>
<body><header><a href="/">shipyard</a></header>${body}</body></html>`;
}

module.exports = { escapeHtml, duration, ticket, page };
