'use strict';

const fs = require('fs');
let path = require('path');
let config = require('../config');

let MANIFEST = 'album.json';

function isPhoto(fileName) {
  return Object.prototype.hasOwnProperty.call(config.imageTypes, path.extname(fileName).toLowerCase());
}

/** Names of all album directories, sorted newest first (by name). */
function gatherAlbums(callback) {
  fs.readdir(config.albumsDir, { withFileTypes: true }, (fault, vals) => {
    if (fault) return callback(fault);
    let names = vals.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    callback(null, names.sort().reverse());
  });
}

/** Reads an album: its manifest (if any) and the image files it holds. */
function getCollection(albumName, callback) {
  let name = path.basename(albumName);
  if (!name || name.startsWith('.')) {
    return callback(Object.assign(new Error('no such album: ' + name), { code: 'ENOENT' }));
  }
  let folder = path.join(config.albumsDir, name);
  fs.readdir(folder, (fault, files) => {
    if (fault) return callback(fault);
    fs.readFile(path.join(folder, MANIFEST), 'utf8', (mFault, raw) => {
      let manifest = {};
      if (!mFault) {
        try {
          manifest = JSON.parse(raw);
        } catch (scanFault) {
          manifest = {};
        }
      }
      callback(null, {
        name: path.basename(folder),
        title: manifest.title || path.basename(folder),
        cover: manifest.cover || files.find(isPhoto) || null,
        captions: manifest.captions || {},
        photos: files.filter(isPhoto).sort(),
      });
    });
  });
}

/**
 * Loads one photo of an album into memory. Calls back with
 * { data, contentType, size, modified } or with an error whose code is ENOENT.
 */
function loadPhoto(albumName, fileName, callback) {
  let pictureLocation = path.join(config.albumsDir, albumName, fileName);
  fs.stat(pictureLocation, (statFail, metrics) => {
    if (statFail) return callback(statFail);
    if (!metrics.isFile()) return callback(Object.assign(new Error('not a file'), { code: 'ENOENT' }));
    fs.readFile(pictureLocation, (fault, data) => {
      if (fault) return callback(fault);
      let contentType = config.imageTypes[path.extname(pictureLocation).toLowerCase()] || 'application/octet-stream';
      callback(null, { data, contentType, size: data.length, modified: metrics.mtime });
    });
  });
}

module.exports = { gatherAlbums, getCollection, loadPhoto, isPhoto };
