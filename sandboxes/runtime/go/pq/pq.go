// Package pq stands in for github.com/lib/pq offline: it registers the "postgres"
// database/sql driver, backed by SQLite through ase.local/pgshim (see there for the DSN).
package pq

import (
	"strings"

	"ase.local/pgshim"
)

func init() { pgshim.Register("postgres") }

// QuoteIdentifier quotes name for use as an identifier in a statement, as lib/pq does.
func QuoteIdentifier(name string) string {
	if end := strings.IndexRune(name, 0); end > -1 {
		name = name[:end]
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral quotes literal for use as a string constant in a statement.
func QuoteLiteral(literal string) string {
	return "'" + strings.ReplaceAll(literal, "'", "''") + "'"
}
