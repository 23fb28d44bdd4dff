package main

import (
	"flag"
	"log"
	"net/http"
	"time"

	"codeberg.org/lumen/lumen/internal/features/library"
	"codeberg.org/lumen/lumen/internal/web"
)

func main() {
	root := flag.String("root", "/srv/photos", "library root: one sub-folder per album")
	cache := flag.String("cache", "/var/cache/lumen", "thumbnail cache folder")
	addr := flag.String("addr", ":8099", "listen address")
	flag.Parse()

	lib, err := library.Open(*root, *cache)
	if err != nil {
		log.Fatalf("library: %v", err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           web.NewHandler(lib),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("lumen: serving %s on %s", *root, *addr)
	log.Fatal(srv.ListenAndServe())
}
