// Package web serves the Lumen gallery pages and images.
package web

import (
	"errors"
	"html/template"
	"io/fs"
	"log"
	"net/http"

	"codeberg.org/lumen/lumen/internal/fsutil"
	"codeberg.org/lumen/lumen/internal/features/library"
)

var pages = template.Must(template.New("").Parse(`
{{define "albums"}}<!doctype html><html><head><meta charset="utf-8"><title>Albums</title>
<link rel="stylesheet" href="/static/lumen.css"></head><body>
<h1>Albums</h1><ul class="albums">{{range .}}<li><a href="/albums/{{.}}">{{.}}</a></li>{{end}}</ul>
</body></html>{{end}}
{{define "album"}}<!doctype html><html><head><meta charset="utf-8"><title>{{.Album}}</title>
<link rel="stylesheet" href="/static/lumen.css"></head><body>
<p><a href="/">&larr; all albums</a></p><h1>{{.Album}}</h1>
<div class="grid">{{range .Photos}}<a href="/albums/{{$.Album}}/photos/{{.Name}}">
<img loading="lazy" src="/albums/{{$.Album}}/thumbs/{{.Name}}" alt="{{.Name}}"></a>{{end}}</div>
</body></html>{{end}}`))

type handler struct {
	lib *library.Library
	mux *http.ServeMux
}

// NewHandler returns the gallery handler for lib.
func NewHandler(lib *library.Library) http.Handler {
	h := &handler{lib: lib, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /{$}", h.albums)
	h.mux.HandleFunc("GET /albums/{album}", h.album)
	h.mux.HandleFunc("GET /albums/{album}/photos/{photo}", h.photo)
	h.mux.HandleFunc("GET /albums/{album}/thumbs/{photo}", h.thumb)
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func (h *handler) albums(w http.ResponseWriter, r *http.Request) {
	list, err := h.lib.Albums()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pages.ExecuteTemplate(w, "albums", list)
}

func (h *handler) album(w http.ResponseWriter, r *http.Request) {
	album := r.PathValue("album")
	photos, err := h.lib.Photos(album)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pages.ExecuteTemplate(w, "album", struct {
		Album  string
		Photos []library.Photo
	}{album, photos})
}

func (h *handler) photo(w http.ResponseWriter, r *http.Request) {
	f, info, err := h.lib.OpenPhoto(r.PathValue("album"), r.PathValue("photo"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
}

func (h *handler) thumb(w http.ResponseWriter, r *http.Request) {
	f, err := h.lib.OpenThumbnail(r.PathValue("album"), r.PathValue("photo"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=604800")
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// fail maps library errors onto HTTP status codes.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, library.ErrNotPhoto), errors.Is(err, fsutil.ErrOutsideRoot):
		http.NotFound(w, r)
	default:
		log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}
