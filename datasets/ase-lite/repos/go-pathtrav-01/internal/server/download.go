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

// handleDownload sends one file of a share. The "file" query parameter is a path
// relative to the share folder and may name a file in a sub-folder.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.activeShare(w, r)
	if !ok {
		return
	}
	name := strings.TrimPrefix(r.URL.Query().Get("file"), "/")
	if name == "" {
		http.Error(w, "missing file parameter", http.StatusBadRequest)
		return
	}

	full := filepath.Join(s.shareRoot(sh), name)
	f, err := os.Open(full)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.log.Printf("download %s: %v", full, err)
		http.Error(w, "could not open file", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition",
		mime.FormatMediaType("attachment", map[string]string{"filename": info.Name()}))
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	s.log.Printf("share %s: sent %s (%d bytes) to %s", sh.Title, name, info.Size(), r.RemoteAddr)
}
