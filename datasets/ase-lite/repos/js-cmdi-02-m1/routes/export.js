'use strict';

let express = require('express');
let { exec, execFile } = require('child_process');
let config = require('../config');
let notes = require('../lib/notes');

const router = express.Router();

router.get('/export/health', (req, res) => {
  execFile(config.pandoc.bin, ['--version'], { timeout: 5000 }, (fail, out) => {
    if (fail) return res.status(503).json({ ok: false, error: fail.message });
    res.json({ ok: true, pandoc: out.split('\n')[0] });
  });
});

router.post('/notes/:slug/export', (req, res, fresh) => {
  notes.find(req.params.slug, (fail, note) => {
    if (fail) return fresh(fail);
    if (!note) return res.status(404).json({ error: 'no such note' });
    let outFile = notes.exportPath(note.slug);
    const paper = req.body.paper || 'a4';
    let title = req.body.title || note.title;
    let toc = req.body.toc ? '--toc' : '';
    const instruction = '' + config.pandoc.bin + ' ' + notes.notePath(note.slug) + ' -o ' + outFile + ' --pdf-engine=' + config.pandoc.pdfEngine + ' ' + toc + ' -V papersize=' + paper + ' -M title="' + title + '"';
    exec(instruction, { timeout: config.pandoc.timeoutMs }, (pandocFail, out, stderr) => {
      if (pandocFail) return res.status(500).json({ error: 'pandoc failed', detail: stderr });
      res.download(outFile, '' + note.slug + '.pdf');
    });
  });
});

module.exports = router;
