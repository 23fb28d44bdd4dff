// Package pgshim registers database/sql drivers that accept PostgreSQL-style SQL and run it
// on SQLite, so that code written for a PostgreSQL driver runs offline with its SQL really
// executed.
//
// The data source name is the path of the SQLite database file; the environment variable
// ASE_PG_SQLITE, when set, takes precedence (so a postgres:// URL may stay in place).
// Each statement is translated before it reaches SQLite:
//   - positional parameters $1, $2... become ?1, ?2... (the same numbering);
//   - ILIKE becomes LIKE (SQLite's LIKE ignores ASCII case);
//   - PostgreSQL casts "::type" are dropped.
//
// String literals, quoted identifiers and comments are copied unchanged.
package pgshim

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Register installs the translating driver under name.
func Register(name string) {
	sql.Register(name, &Driver{})
}

// Driver opens SQLite connections that translate PostgreSQL-style statements.
type Driver struct{}

var inner = &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
	return c.RegisterFunc("now", func() string { return time.Now().UTC().Format("2006-01-02 15:04:05.999999999-07:00") }, false)
}}

// Open opens the SQLite database named by ASE_PG_SQLITE or by dsn.
func (d *Driver) Open(dsn string) (driver.Conn, error) {
	path := os.Getenv("ASE_PG_SQLITE")
	if path == "" {
		path = dsn
	}
	if !strings.Contains(path, "?") {
		path += "?_busy_timeout=5000&_foreign_keys=on"
	}
	c, err := inner.Open(path)
	if err != nil {
		return nil, err
	}
	return &conn{c.(*sqlite3.SQLiteConn)}, nil
}

type conn struct{ c *sqlite3.SQLiteConn }

func (c *conn) Prepare(q string) (driver.Stmt, error) { return c.c.Prepare(Translate(q)) }
func (c *conn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.c.PrepareContext(ctx, Translate(q))
}
func (c *conn) Close() error                   { return c.c.Close() }
func (c *conn) Begin() (driver.Tx, error)      { return c.c.Begin() }
func (c *conn) Ping(ctx context.Context) error { return c.c.Ping(ctx) }
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.c.BeginTx(ctx, opts)
}
func (c *conn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.c.QueryContext(ctx, Translate(q), args)
}
func (c *conn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.c.ExecContext(ctx, Translate(q), args)
}

// Translate rewrites the PostgreSQL-only syntax of q into SQLite's.
func Translate(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(q) {
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j < len(q) {
				j++
			}
			b.WriteString(q[i:j])
			i = j
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+j+4])
			i += j + 4
		case c == '$' && i+1 < len(q) && isDigit(q[i+1]):
			b.WriteByte('?')
			i++
		case c == ':' && strings.HasPrefix(q[i:], "::"):
			j := i + 2
			for j < len(q) && (isWord(q[j]) || q[j] == ' ' && j == i+2) {
				j++
			}
			i = j
		case isWord(c):
			j := i
			for j < len(q) && isWord(q[j]) {
				j++
			}
			word := q[i:j]
			if strings.EqualFold(word, "ILIKE") && (i == 0 || !isWord(q[i-1])) {
				word = "LIKE"
			}
			b.WriteString(word)
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWord(c byte) bool {
	return c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
