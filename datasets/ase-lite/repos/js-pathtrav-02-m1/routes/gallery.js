'use strict';

let express = require('express');
let config = require('../config');
const albums = require('../lib/albums');
let view = require('../lib/view');

let router = express.Router();

router.get('/', (req, res, fresh) => {
  albums.gatherAlbums((fault, names) => {
    if (fault) return fresh(fault);
    res.send(view.gallerySlot(names));
  });
});

router.get('/albums/:album', (req, res, fresh) => {
  albums.getCollection(req.params.album, (fault, album) => {
    if (fault && fault.code === 'ENOENT') return res.status(404).send(view.screen('Not found', '<p>No such album.</p>'));
    if (fault) return fresh(fault);
    res.send(view.galleryView(album));
  });
});

router.get('/photos/:album/:file', (req, res, fresh) => {
  albums.loadPhoto(req.params.album, req.params.file, (fault, photo) => {
    if (fault && (fault.code === 'ENOENT' || fault.code === 'EISDIR')) return res.sendStatus(404);
    if (fault) return fresh(fault);
    res.set({
      'Content-Type': photo.contentType,
      'Content-Length': photo.size,
      'Last-Modified': photo.modified.toUTCString(),
      'Cache-Control': 'public, max-age=' + config.cacheSeconds,
    });
    res.end(photo.data);
  });
});

module.exports = router;
