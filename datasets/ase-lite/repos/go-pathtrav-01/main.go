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
	logger := log.New(os.Stderr, "dropcrate: ", log.LstdFlags)
	cfg := config.Load()

	reg, err := shares.LoadRegistry(cfg.ManifestPath)
	if err != nil {
		logger.Fatalf("load shares: %v", err)
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			if err := reg.Reload(); err != nil {
				logger.Printf("reload shares: %v", err)
			} else {
				logger.Printf("shares reloaded")
			}
		}
	}()

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           server.New(cfg, reg, logger).Routes(),
		ReadHeaderTimeout: 10 * time.Second,
	}
	logger.Printf("serving %s on %s", cfg.StorageRoot, cfg.Addr)
	logger.Fatal(srv.ListenAndServe())
}
