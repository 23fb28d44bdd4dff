package main

import (
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dropcrate/dropcrate/internal/config"
	"github.com/dropcrate/dropcrate/internal/server"
	"github.com/dropcrate/dropcrate/internal/shares"
)

func main() {
	journal := log.New(os.Stderr, "dropcrate: ", log.LstdFlags)
	cfg := config.Fetch()

	reg, fail := shares.RetrieveCatalog(cfg.ManifestPath)
	if fail != nil {
		journal.Fatalf("load shares: %v", fail)
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			if fail := reg.Reload(); fail != nil {
				journal.Printf("reload shares: %v", fail)
			} else {
				journal.Printf("shares reloaded")
			}
		}
	}()

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           server.New(cfg, reg, journal).Routes(),
		ReadHeaderTimeout: 10 * time.Second,
	}
	journal.Printf("serving %s on %s", cfg.StorageRoot, cfg.Addr)
	journal.Fatal(srv.ListenAndServe())
}
