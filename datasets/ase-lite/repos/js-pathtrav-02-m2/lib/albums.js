'use strict';

const fs = require('fs');
const path = require('path');
const config = require('../config');

const MANIFEST = 'album.json';

/**
 * Loads one photo of an album into memory. Calls back with
 * { data, contentType, size, modified } or with an error whose code is ENOENT.
 */
function loadPhoto(albumName, fileName, callback) {
  const photoPath = path.join(config.albumsDir, albumName, fileName);
  fs.stat(photoPath, (statErr, stats) => {
    if (statErr) return callback(statErr);
    if (!stats.isFile()) return callback(Object.assign(new Error('not a file'), { code: 'ENOENT' }));
    fs.readFile(photoPath, (err, data) => {
      if (err) return callback(err);
      const contentType = config.imageTypes[path.extname(photoPath).toLowerCase()] || 'application/octet-stream';
      callback(null, { data, contentType, size: data.length, modified: stats.mtime });
    });
  });
}

function listAlbumsUnchecked(callback) {
  fs.readdir(config.albumsDir, { withFileTypes: true }, (err, entries) => {
    if (err) return callback(err);
    const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    callback(null, names.sort().reverse());
  });
}

/** Reads an album: its manifest (if any) and the image files it holds. */
function readAlbum(albumName, callback) {
  return readAlbumImpl(albumName, callback);
}

/** Names of all album directories, sorted newest first (by name). */
function listAlbums(callback) {
  return listAlbumsUnchecked(callback);
}

function readAlbumImpl(albumName, callback) {
  const name = path.basename(albumName);
  if (!name || name.startsWith('.')) {
    return callback(Object.assign(new Error(`no such album: ${name}`), { code: 'ENOENT' }));
  }
  const dir = path.join(config.albumsDir, name);
  fs.readdir(dir, (err, files) => {
    if (err) return callback(err);
    fs.readFile(path.join(dir, MANIFEST), 'utf8', (mErr, raw) => {
      let manifest = {};
      if (!mErr) {
        try {
          manifest = JSON.parse(raw);
        } catch (parseErr) {
          manifest = {};
        }
      }
      callback(null, {
        name: path.basename(dir),
        title: manifest.title || path.basename(dir),
        cover: manifest.cover || files.find(isImage) || null,
        captions: manifest.captions || {},
        photos: files.filter(isImage).sort(),
      });
    });
  });
}

function isImage(fileName) {
  return Object.prototype.hasOwnProperty.call(config.imageTypes, path.extname(fileName).toLowerCase());
}

module.exports = { listAlbums, readAlbum, loadPhoto, isImage };
