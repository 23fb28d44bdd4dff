package server

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// processRetrieval sends one file of a share. The "file" query parameter is a path
// relative to the share folder and may name a file in a sub-folder.
func (s *Server) processRetrieval(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.presentShared(w, r)
	if !ok {
		return
	}
	name := strings.TrimPrefix(r.URL.Query().Get("file"), "/")
	if name == "" {
		http.Error(w, "missing file parameter", http.StatusBadRequest)
		return
	}

	full := filepath.Join(s.shareRoot(sh), name)
	f, fail := os.Open(full)
	if errors.Is(fail, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if fail != nil {
		s.log.Printf("download %s: %v", full, fail)
		http.Error(w, "could not open file", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	meta, fail := f.Stat()
	if fail != nil || meta.IsDir() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition",
		mime.FormatMediaType("attachment", map[string]string{"filename": meta.Name()}))
	http.ServeContent(w, r, meta.Name(), meta.ModTime(), f)
	s.log.Printf("share %s: sent %s (%d bytes) to %s", sh.Title, name, meta.Size(), r.RemoteAddr)
}
