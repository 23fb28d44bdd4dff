// Package stdlib stands in for github.com/jackc/pgx/v5/stdlib offline: it registers the
// "pgx" database/sql driver, backed by SQLite through ase.local/pgshim (see there for the DSN).
package stdlib

import "ase.local/pgshim"

func init() { pgshim.Register("pgx") }
