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

// QuoteLiteral quotes literal for use as a string constant in a statement, as lib/pq does:
// quotes are doubled, and a value holding a backslash becomes an E'...' escape string with
// every backslash doubled (the stand-in lexes E'...' as PostgreSQL does).
func QuoteLiteral(literal string) string {
	literal = strings.ReplaceAll(literal, `'`, `''`)
	if strings.Contains(literal, `\`) {
		return ` E'` + strings.ReplaceAll(literal, `\`, `\\`) + `'`
	}
	return `'` + literal + `'`
}
