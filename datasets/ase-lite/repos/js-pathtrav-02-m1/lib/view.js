'use strict';

function esc(val) {
  return String(val == null ? '' : val).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
}

function screen(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/lumen.css"></head><body><header><a href="/">lumen</a></header>
${body}</body></html>`;
}

function gallerySlot(albums) {
  const items = albums
    .map((name) => '<li><a href="/albums/' + encodeURIComponent(name) + '">' + esc(name) + '</a></li>')
    .join('\n');
  return screen('Albums', '<h1>Albums</h1><ul class="albums">' + items + '</ul>');
}

function galleryView(album) {
  let photos = album.photos
    .map((file) => {
      let origin = '/photos/' + encodeURIComponent(album.name) + '/' + encodeURIComponent(file);
      let heading = album.captions[file] || '';
      return '<figure><a href="' + origin + '"><img src="' + origin + '" loading="lazy" alt="' + esc(heading) + '"></a><figcaption>' + esc(heading) + '</figcaption></figure>';
    })
    .join('\n');
  return screen(album.title, '<h1>' + esc(album.title) + '</h1><section class="grid">' + photos + '</section>');
}

module.exports = { esc, screen, gallerySlot, galleryView };
