package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"forkful.app/forkful/internal/recipes"
	"forkful.app/forkful/internal/web"
)

func main() {
	addr := flag.String("addr", ":8000", "listen address")
	dsn := flag.String("dsn", "postgres://forkful@localhost/forkful", "PostgreSQL DSN")
	siteName := flag.String("site-name", "Forkful", "name shown in the page header")
	flag.Parse()

	db, err := sql.Open("pgx", *dsn)
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(8)

	srv := web.NewServer(recipes.NewStore(db), *siteName)
	httpSrv := &http.Server{
		Addr:              *addr,
		Handler:           srv.Routes(),
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Printf("forkful listening on %s", *addr)
	log.Fatal(httpSrv.ListenAndServe())
}
