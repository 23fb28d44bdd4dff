'use strict';

function albumIndex(albums) {
  const items = albums
    .map((name) => `<li><a href="/albums/${encodeURIComponent(name)}">${esc(name)}</a></li>`)
    .join('\n');
  return page('Albums', `<h1>Albums</h1><ul class="albums">${items}</ul>`);
}

function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function albumPage(album) {
  const photos = album.photos
    .map((file) => {
      const src = `/photos/${encodeURIComponent(album.name)}/${encodeURIComponent(file)}`;
      const caption = album.captions[file] || '';
      return `<figure><a href="${src}"><img src="${src}" loading="lazy" alt="${esc(caption)}"></a><figcaption>${esc(caption)}</figcaption></figure>`;
    })
    .join('\n');
  return page(album.title, `<h1>${esc(album.title)}</h1><section class="grid">${photos}</section>`);
}

function page(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/lumen.css"></head><body><header><a href="/">lumen</a></header>
${body}</body></html>`;
}

module.exports = { esc, page, albumIndex, albumPage };
