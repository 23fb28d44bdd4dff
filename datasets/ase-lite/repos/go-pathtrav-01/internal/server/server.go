// Package server implements the dropcrate HTTP endpoints.
package server

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dropcrate/dropcrate/internal/config"
	"github.com/dropcrate/dropcrate/internal/shares"
)

// Server serves the shares of a registry.
type Server struct {
	cfg    config.Config
	shares *shares.Registry
	log    *log.Logger
}

// New returns a Server.
func New(cfg config.Config, reg *shares.Registry, logger *log.Logger) *Server {
	return &Server{cfg: cfg, shares: reg, log: logger}
}

// Routes returns the HTTP handler.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /s/{token}", s.handleList)
	mux.HandleFunc("GET /s/{token}/download", s.handleDownload)
	mux.HandleFunc("POST /s/{token}/upload", s.handleUpload)
	return mux
}

// activeShare resolves the share named in the URL, answering 404 itself when the
// token is unknown or the share has expired.
func (s *Server) activeShare(w http.ResponseWriter, r *http.Request) (shares.Share, bool) {
	sh, ok := s.shares.Lookup(r.PathValue("token"))
	if !ok || sh.Expired(time.Now()) {
		http.NotFound(w, r)
		return shares.Share{}, false
	}
	return sh, true
}

// shareRoot is the absolute folder of a share on disk.
func (s *Server) shareRoot(sh shares.Share) string {
	return filepath.Join(s.cfg.StorageRoot, sh.Dir)
}

type entry struct {
	Name     string    `json:"name"`
	IsDir    bool      `json:"is_dir"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.activeShare(w, r)
	if !ok {
		return
	}
	base := s.shareRoot(sh)
	target := filepath.Join(base, r.URL.Query().Get("dir"))
	if target != base && !strings.HasPrefix(target, base+string(filepath.Separator)) {
		http.Error(w, "folder outside the share", http.StatusBadRequest)
		return
	}
	dirents, err := os.ReadDir(target)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.log.Printf("list %s: %v", target, err)
		http.Error(w, "could not read folder", http.StatusInternalServerError)
		return
	}
	list := make([]entry, 0, len(dirents))
	for _, d := range dirents {
		if strings.HasPrefix(d.Name(), ".") {
			continue
		}
		info, err := d.Info()
		if err != nil {
			continue
		}
		list = append(list, entry{Name: d.Name(), IsDir: d.IsDir(), Size: info.Size(), Modified: info.ModTime()})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"share": sh.Title, "entries": list})
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.activeShare(w, r)
	if !ok {
		return
	}
	if !sh.AllowUpload {
		http.Error(w, "uploads are disabled for this share", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	src, hdr, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "expected a multipart field named file", http.StatusBadRequest)
		return
	}
	defer src.Close()

	name := filepath.Base(hdr.Filename)
	if name == "." || name == string(filepath.Separator) || strings.HasPrefix(name, ".") {
		http.Error(w, "invalid file name", http.StatusBadRequest)
		return
	}
	dst, err := os.OpenFile(filepath.Join(s.shareRoot(sh), name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if errors.Is(err, fs.ErrExist) {
		http.Error(w, "a file with that name already exists", http.StatusConflict)
		return
	}
	if err != nil {
		s.log.Printf("upload to %s: %v", sh.Dir, err)
		http.Error(w, "could not store file", http.StatusInternalServerError)
		return
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		s.log.Printf("upload to %s: %v", sh.Dir, err)
		http.Error(w, "upload interrupted", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
