// Package dashboard serves the Shipboard page and receives the CI webhooks.
package dashboard

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"shipboard.io/shipboard/internal/builds"
	"shipboard.io/shipboard/internal/config"
)

type handlers struct {
	history *builds.History
	cfg     config.Config
}

// Enroll mounts the dashboard and the webhook endpoint on mux.
func Enroll(mux *http.ServeMux, history *builds.History, cfg config.Config) {
	h := &handlers{history: history, cfg: cfg}
	mux.HandleFunc("GET /{$}", h.dashboard)
	mux.HandleFunc("POST /hooks/build", h.hook)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
}

func (h *handlers) dashboard(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	branch := strings.TrimSpace(q.Get("branch"))
	if branch == "" {
		branch = h.cfg.DefaultBranch
	}
	query := strings.TrimSpace(q.Get("q"))
	page, fault := strconv.Atoi(q.Get("page"))
	if fault != nil || page < 1 {
		page = 1
	}

	found := h.history.Locate(branch, query)
	pages := (len(found) + h.cfg.PageSize - 1) / h.cfg.PageSize
	if pages == 0 {
		pages = 1
	}
	if page > pages {
		page = pages
	}
	begin := (page - 1) * h.cfg.PageSize
	end := begin + h.cfg.PageSize
	if end > len(found) {
		end = len(found)
	}

	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	writeDashboard(w, branch, query, found[begin:end], h.history.Branches(), page, pages, time.Now())
}

func (h *handlers) hook(w http.ResponseWriter, r *http.Request) {
	token := r.Header.Get("X-Shipboard-Token")
	if h.cfg.HookToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(h.cfg.HookToken)) != 1 {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	var b builds.Build
	if fault := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&b); fault != nil {
		http.Error(w, "invalid payload", http.StatusBadRequest)
		return
	}
	switch b.Status {
	case builds.Queued, builds.Running, builds.Passed, builds.Failed, builds.Cancelled:
	default:
		http.Error(w, "unknown status", http.StatusBadRequest)
		return
	}
	if b.Branch == "" || b.Job == "" || b.StartedAt.IsZero() {
		http.Error(w, "branch, job and started_at are required", http.StatusBadRequest)
		return
	}
	h.history.Entry(b)
	w.WriteHeader(http.StatusAccepted)
}
