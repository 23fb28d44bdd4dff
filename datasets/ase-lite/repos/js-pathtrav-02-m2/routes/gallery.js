'use strict';

const express = require('express');
const config = require('../config');
const albums = require('../lib/albums');
const view = require('../lib/view');

const router = express.Router();

router.get('/', (req, res, next) => {
  albums.listAlbums((err, names) => {
    if (err) return next(err);
    res.send(view.albumIndex(names));
  });
});

router.get('/albums/:album', (req, res, next) => {
  albums.readAlbum(req.params.album, (err, album) => {
    if (err && err.code === 'ENOENT') return res.status(404).send(view.page('Not found', '<p>No such album.</p>'));
    if (err) return next(err);
    res.send(view.albumPage(album));
  });
});

router.get('/photos/:album/:file', (req, res, next) => {
  albums.loadPhoto(req.params.album, req.params.file, (err, photo) => {
    if (err && (err.code === 'ENOENT' || err.code === 'EISDIR')) return res.sendStatus(404);
    if (err) return next(err);
    res.set({
      'Content-Type': photo.contentType,
      'Content-Length': photo.size,
      'Last-Modified': photo.modified.toUTCString(),
      'Cache-Control': `public, max-age=${config.cacheSeconds}`,
    });
    res.end(photo.data);
  });
});

module.exports = router;
