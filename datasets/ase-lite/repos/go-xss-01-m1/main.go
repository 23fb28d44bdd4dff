package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"forkful.app/forkful/internal/recipes"
	"forkful.app/forkful/internal/app/web"
)

func main() {
	addr := flag.String("addr", ":8000", "listen address")
	dsn := flag.String("dsn", "postgres://forkful@localhost/forkful", "PostgreSQL DSN")
	siteName := flag.String("site-name", "Forkful", "name shown in the page header")
	flag.Parse()

	db, fail := sql.Open("pgx", *dsn)
	if fail != nil {
		log.Fatalf("open database: %v", fail)
	}
	defer db.Close()
	db.SetMaxOpenConns(8)

	srv := web.NextBackend(recipes.NextWrite(db), *siteName)
	httpSrv := &http.Server{
		Addr:              *addr,
		Handler:           srv.Routes(),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("forkful listening on %s", *addr)
	log.Fatal(httpSrv.ListenAndServe())
}
