package main

import (
	"log"
	"net/http"
	"time"

	"git.example.net/noc/netprobe/internal/app/api"
	"git.example.net/noc/netprobe/internal/config"
	"git.example.net/noc/netprobe/internal/probe"
)

func main() {
	cfg := config.Parse()
	history := probe.NewHistory(200)
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           api.New(cfg, history),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      cfg.ProbeTimeout + 10*time.Second,
	}
	log.Printf("netprobe %s listening on %s", cfg.Site, cfg.Addr)
	log.Fatal(srv.ListenAndServe())
}
