// Package web holds the HTTP handlers of bugnest.
package web

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"

	"github.com/bugnest/bugnest/internal/config"
)

// Server bundles the dependencies of the handlers.
type Server struct {
	db  *sql.DB
	cfg *config.Config
	log *log.Logger
}

// NewServer returns a Server using conn for storage.
func NewServer(conn *sql.DB, cfg *config.Config, logger *log.Logger) *Server {
	return &Server{db: conn, cfg: cfg, log: logger}
}

// Routes returns the router with every endpoint registered.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/projects/{project}/issues", s.handleListIssues)
	mux.HandleFunc("GET /api/projects/{project}/issues/search", s.handleSearch)
	mux.HandleFunc("POST /api/projects/{project}/issues", s.handleCreateIssue)
	mux.HandleFunc("GET /api/issues/{id}", s.handleGetIssue)
	mux.HandleFunc("POST /api/issues/{id}/status", s.handleSetStatus)
	return mux
}

type errorBody struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

var validStatuses = map[string]bool{"open": true, "in_progress": true, "resolved": true, "closed": true}
