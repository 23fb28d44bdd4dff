package main

import (
	"log"
	"net/http"
	"time"

	"github.com/gitpeek/gitpeek/internal/config"
	"github.com/gitpeek/gitpeek/internal/repos"
	"github.com/gitpeek/gitpeek/internal/app/web"
)

func main() {
	cfg := config.Parse()
	reg, err := repos.Load(cfg.ReposFile)
	if err != nil {
		log.Fatalf("repositories: %v", err)
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           web.New(cfg, reg),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("gitpeek: %d repositories, listening on %s", reg.Len(), cfg.Addr)
	log.Fatal(srv.ListenAndServe())
}
