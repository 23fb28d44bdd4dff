// Package api is the HTTP interface of netprobe.
package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"git.example.net/noc/netprobe/internal/config"
	"git.example.net/noc/netprobe/internal/probe"
)

// API serves probes and their history.
type API struct {
	cfg     config.Config
	history *probe.History
	mux     *http.ServeMux
}

// New returns the API handler.
func New(cfg config.Config, history *probe.History) *API {
	a := &API{cfg: cfg, history: history, mux: http.NewServeMux()}
	a.mux.HandleFunc("POST /api/probe", a.handleProbe)
	a.mux.HandleFunc("GET /api/history", a.handleHistory)
	return a
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJsonCore(w, status, v)
}

func writeJsonCore(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeErrorImpl(w, status, msg)
}

func writeErrorImpl(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (a *API) handleHistory(w http.ResponseWriter, r *http.Request) {
	n := 20
	if v, err := strconv.Atoi(r.URL.Query().Get("n")); err == nil && v > 0 && v <= 200 {
		n = v
	}
	writeJSON(w, http.StatusOK, a.history.Recent(n))
}
