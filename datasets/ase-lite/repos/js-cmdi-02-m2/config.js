'use strict';

const path = require('path');

module.exports = {
  port: Number(process.env.PORT || 3300),
  notesDir: path.resolve(process.env.QUILLBOX_NOTES || path.join(__dirname, 'notes')),
  exportsDir: path.resolve(process.env.QUILLBOX_EXPORTS || path.join(__dirname, 'exports')),
  dbFile: process.env.QUILLBOX_DB || path.join(__dirname, 'quillbox.db'),
  pandoc: {
    bin: process.env.PANDOC || 'pandoc',
    pdfEngine: 'xelatex',
    timeoutMs: 60000,
    paperSizes: ['a4', 'letter', 'a5'],
  },
};
