'use strict';

const express = require('express');
const store = require('../lib/impl/store');
const { escapeHtml, duration, badge, page } = require('../lib/render');

const router = express.Router();

router.get('/', (req, res) => {
  const tiles = store
    .allPipelines()
    .map(
      (p) => `<a class="tile ${p.last.status}" href="/pipelines/${encodeURIComponent(p.name)}">
  <h2>${escapeHtml(p.name)}</h2>
  <p>#${Number(p.last.number)} on ${escapeHtml(p.last.branch)} ${badge(p.last.status)}</p>
</a>`
    )
    .join('\n');
  res.send(page('Wall', `<section class="wall">${tiles || '<p>No builds reported yet.</p>'}</section>`, { refresh: 30 }));
});

router.get('/pipelines/:name', (req, res) => {
  const pipeline = store.getPipeline(req.params.name);
  if (!pipeline) {
    return res.status(404).send(page('Unknown pipeline', `<p class="empty">No builds have been reported for <code>${req.params.name}</code> yet.</p>`));
  }
  const rows = pipeline.builds
    .map(
      (b) => `<tr>
  <td>#${Number(b.number)}</td>
  <td>${badge(b.status)}</td>
  <td>${escapeHtml(b.branch)}</td>
  <td><code>${escapeHtml(String(b.commit || '').slice(0, 7))}</code></td>
  <td>${duration(b.duration)}</td>
  <td>${b.receivedAt.toISOString()}</td>
</tr>`
    )
    .join('\n');
  res.send(
    page(
      pipeline.name,
      `<h1>${escapeHtml(pipeline.name)}</h1>
<table class="history"><thead><tr><th>Build</th><th>Status</th><th>Branch</th><th>Commit</th><th>Duration</th><th>Received</th></tr></thead>
<tbody>${rows}</tbody></table>`
    )
  );
});

module.exports = router;
