// Package api exposes the Ledgerly store over HTTP.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"ledgerly.dev/ledgerly/internal/config"
	"ledgerly.dev/ledgerly/internal/web/store"
)

// API holds the handler dependencies.
type API struct {
	store *store.Store
	cfg   config.Config
	log   *slog.Logger
}

// New returns an API backed by st.
func New(st *store.Store, cfg config.Config, logger *slog.Logger) *API {
	return &API{store: st, cfg: cfg, log: logger}
}

func respond(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Default().Warn("encode response", "err", err)
	}
}

func fail(w http.ResponseWriter, status int, msg string) {
	respond(w, status, map[string]string{"error": msg})
}

// Handler returns the routed handler.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/invoices", a.searchInvoices)
	mux.HandleFunc("GET /api/invoices/{id}", a.getInvoice)
	mux.HandleFunc("POST /api/invoices", a.createInvoice)
	mux.HandleFunc("POST /api/invoices/{id}/payment", a.markPaid)
	return mux
}
