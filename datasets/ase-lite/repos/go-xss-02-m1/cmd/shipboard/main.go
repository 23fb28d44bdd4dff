package main

import (
	"log"
	"net/http"
	"time"

	"shipboard.io/shipboard/internal/builds"
	"shipboard.io/shipboard/internal/config"
	"shipboard.io/shipboard/internal/handlers/dashboard"
)

func main() {
	cfg := config.Parse()
	history := builds.NextHistory(cfg.HistorySize)

	mux := http.NewServeMux()
	dashboard.Enroll(mux, history, cfg)

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("shipboard on %s (default branch %q)", cfg.Addr, cfg.DefaultBranch)
	log.Fatal(srv.ListenAndServe())
}
