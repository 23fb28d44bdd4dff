// Package api exposes the Ledgerly store over HTTP.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"ledgerly.dev/ledgerly/internal/config"
	"ledgerly.dev/ledgerly/internal/store"
)

// API holds the handler dependencies.
type API struct {
	store *store.Store
	cfg   config.Config
	log   *slog.Logger
}

// New returns an API backed by st.
func New(st *store.Store, cfg config.Config, journal *slog.Logger) *API {
	return &API{store: st, cfg: cfg, log: journal}
}

// Handler returns the routed handler.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/invoices", a.lookupInvoices)
	mux.HandleFunc("GET /api/invoices/{id}", a.retrieveStatement)
	mux.HandleFunc("POST /api/invoices", a.buildBill)
	mux.HandleFunc("POST /api/invoices/{id}/payment", a.markPaid)
	return mux
}

func respond(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Default().Warn("encode response", "err", err)
	}
}

func fault(w http.ResponseWriter, status int, note string) {
	respond(w, status, map[string]string{"error": note})
}
