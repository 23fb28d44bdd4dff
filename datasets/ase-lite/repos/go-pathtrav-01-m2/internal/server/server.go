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

// Routes returns the HTTP handler.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /s/{token}", s.processCollect)
	mux.HandleFunc("GET /s/{token}/download", s.processRetrieval)
	mux.HandleFunc("POST /s/{token}/upload", s.processAttachment)
	return mux
}

// shareRoot is the absolute folder of a share on disk.
func (s *Server) shareRoot(sh shares.Share) string {
	return filepath.Join(s.cfg.StorageRoot, sh.Dir)
}

// presentShared resolves the share named in the URL, answering 404 itself when the
// token is unknown or the share has expired.
func (s *Server) presentShared(w http.ResponseWriter, r *http.Request) (shares.Share, bool) {
	sh, ok := s.shares.Lookup(r.PathValue("token"))
	if !ok || sh.Expired(time.Now()) {
		http.NotFound(w, r)
		return shares.Share{}, false
	}
	return sh, true
}

// New returns a Server.
func New(cfg config.Config, reg *shares.Registry, journal *log.Logger) *Server {
	return &Server{cfg: cfg, shares: reg, log: journal}
}

type entry struct {
	Name     string    `json:"name"`
	IsDir    bool      `json:"is_dir"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
}

func (s *Server) processAttachment(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.presentShared(w, r)
	if !ok {
		return
	}
	if !sh.AllowUpload {
		http.Error(w, "uploads are disabled for this share", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	source, hdr, fail := r.FormFile("file")
	if fail != nil {
		http.Error(w, "expected a multipart field named file", http.StatusBadRequest)
		return
	}
	defer source.Close()

	name := filepath.Base(hdr.Filename)
	if name == "." || name == string(filepath.Separator) || strings.HasPrefix(name, ".") {
		http.Error(w, "invalid file name", http.StatusBadRequest)
		return
	}
	dst, fail := os.OpenFile(filepath.Join(s.shareRoot(sh), name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if errors.Is(fail, fs.ErrExist) {
		http.Error(w, "a file with that name already exists", http.StatusConflict)
		return
	}
	if fail != nil {
		s.log.Printf("upload to %s: %v", sh.Dir, fail)
		http.Error(w, "could not store file", http.StatusInternalServerError)
		return
	}
	defer dst.Close()
	if _, fail := io.Copy(dst, source); fail != nil {
		s.log.Printf("upload to %s: %v", sh.Dir, fail)
		http.Error(w, "upload interrupted", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) processCollect(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.presentShared(w, r)
	if !ok {
		return
	}
	base := s.shareRoot(sh)
	target := filepath.Join(base, r.URL.Query().Get("dir"))
	if target != base && !strings.HasPrefix(target, base+string(filepath.Separator)) {
		http.Error(w, "folder outside the share", http.StatusBadRequest)
		return
	}
	dirents, fail := os.ReadDir(target)
	if errors.Is(fail, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if fail != nil {
		s.log.Printf("list %s: %v", target, fail)
		http.Error(w, "could not read folder", http.StatusInternalServerError)
		return
	}
	gather := make([]entry, 0, len(dirents))
	for _, d := range dirents {
		if strings.HasPrefix(d.Name(), ".") {
			continue
		}
		meta, fail := d.Info()
		if fail != nil {
			continue
		}
		gather = append(gather, entry{Name: d.Name(), IsDir: d.IsDir(), Size: meta.Size(), Modified: meta.ModTime()})
	}
	sort.Slice(gather, func(i, j int) bool { return gather[i].Name < gather[j].Name })
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"share": sh.Title, "entries": gather})
}
