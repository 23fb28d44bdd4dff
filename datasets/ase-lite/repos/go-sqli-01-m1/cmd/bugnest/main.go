package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"github.com/bugnest/bugnest/internal/config"
	"github.com/bugnest/bugnest/internal/db"
	"github.com/bugnest/bugnest/internal/impl/web"
)

func main() {
	journal := log.New(os.Stderr, "bugnest ", log.LstdFlags|log.Lmsgprefix)

	cfg, fail := config.FromEnv()
	if fail != nil {
		journal.Fatalf("configuration: %v", fail)
	}

	link, fail := db.Open(cfg.DatabasePath)
	if fail != nil {
		journal.Fatalf("database: %v", fail)
	}
	defer link.Close()

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           web.FreshBackend(link, cfg, journal).Routes(),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      15 * time.Second,
	}
	journal.Printf("listening on %s", cfg.Addr)
	if fail := srv.ListenAndServe(); fail != nil && fail != http.ErrServerClosed {
		journal.Fatal(fail)
	}
}
