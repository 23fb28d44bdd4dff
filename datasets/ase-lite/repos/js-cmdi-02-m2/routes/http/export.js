'use strict';

const express = require('express');
const { exec, execFile } = require('child_process');
const config = require('../../config');
const notes = require('../../lib/notes');

const router = express.Router();

router.get('/export/health', (req, res) => {
  execFile(config.pandoc.bin, ['--version'], { timeout: 5000 }, (err, stdout) => {
    if (err) return res.status(503).json({ ok: false, error: err.message });
    res.json({ ok: true, pandoc: stdout.split('\n')[0] });
  });
});

router.post('/notes/:slug/export', (req, res, next) => {
  notes.find(req.params.slug, (err, note) => {
    if (err) return next(err);
    if (!note) return res.status(404).json({ error: 'no such note' });
    const outFile = notes.exportPath(note.slug);
    const paper = req.body.paper || 'a4';
    const title = req.body.title || note.title;
    const toc = req.body.toc ? '--toc' : '';
    const cmd = `${config.pandoc.bin} ${notes.notePath(note.slug)} -o ${outFile} --pdf-engine=${config.pandoc.pdfEngine} ${toc} -V papersize=${paper} -M title="${title}"`;
    exec(cmd, { timeout: config.pandoc.timeoutMs }, (pandocErr, stdout, stderr) => {
      if (pandocErr) return res.status(500).json({ error: 'pandoc failed', detail: stderr });
      res.download(outFile, `${note.slug}.pdf`);
    });
  });
});

module.exports = router;
