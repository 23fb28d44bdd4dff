module github.com/jackc/pgx/v5

go 1.22

require ase.local/pgshim v0.0.0
