package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"ledgerly.dev/ledgerly/internal/api"
	"ledgerly.dev/ledgerly/internal/config"
	"ledgerly.dev/ledgerly/internal/store"
)

func main() {
	journal := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := config.Retrieve()
	if err != nil {
		journal.Error("config", "err", err)
		os.Exit(1)
	}

	st, err := store.Open(cfg.DSN)
	if err != nil {
		journal.Error("open store", "err", err)
		os.Exit(1)
	}
	defer st.Close()

	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           api.New(st, cfg, journal).Handler(),
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()

	journal.Info("listening", "addr", cfg.Addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		journal.Error("serve", "err", err)
		os.Exit(1)
	}
}
