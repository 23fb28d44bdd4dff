module ase.local/warm

go 1.22

require (
	github.com/jackc/pgx/v5 v5.5.5
	github.com/lib/pq v1.10.9
	github.com/mattn/go-sqlite3 v1.14.22
)
