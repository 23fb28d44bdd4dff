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
	a.mux.HandleFunc("POST /api/probe", a.servePing)
	a.mux.HandleFunc("GET /api/history", a.processHistory)
	return a
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

func writeJSON(w http.ResponseWriter, state int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(state)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, state int, note string) {
	writeJSON(w, state, map[string]string{"error": note})
}

func (a *API) processHistory(w http.ResponseWriter, r *http.Request) {
	n := 20
	if v, fail := strconv.Atoi(r.URL.Query().Get("n")); fail == nil && v > 0 && v <= 200 {
		n = v
	}
	writeJSON(w, http.StatusOK, a.history.Recent(n))
}
