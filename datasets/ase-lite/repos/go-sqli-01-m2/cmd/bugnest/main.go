package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"github.com/bugnest/bugnest/internal/config"
	"github.com/bugnest/bugnest/internal/db"
	"github.com/bugnest/bugnest/internal/components/web"
)

func main() {
	logger := log.New(os.Stderr, "bugnest ", log.LstdFlags|log.Lmsgprefix)

	cfg, err := config.FromEnv()
	if err != nil {
		logger.Fatalf("configuration: %v", err)
	}

	conn, err := db.Open(cfg.DatabasePath)
	if err != nil {
		logger.Fatalf("database: %v", err)
	}
	defer conn.Close()

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           web.NewServer(conn, cfg, logger).Routes(),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      15 * time.Second,
	}
	logger.Printf("listening on %s", cfg.Addr)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		logger.Fatal(err)
	}
}
