// Package pgshim registers database/sql drivers that accept PostgreSQL-style SQL and run it
// on SQLite, so that code written for a PostgreSQL driver runs offline with its SQL really
// executed.
//
// The data source name is the path of the SQLite database file; the environment variable
// ASE_PG_SQLITE, when set, takes precedence (so a postgres:// URL may stay in place).
// Each statement is translated before it reaches SQLite:
//   - positional parameters $1, $2... become ?1, ?2... (the same numbering);
//   - ILIKE becomes LIKE (SQLite's LIKE ignores ASCII case);
//   - PostgreSQL casts "::type" are dropped;
//   - typed literals (DATE '...', TIMESTAMP [WITH TIME ZONE] '...') become plain literals and
//     CAST(x AS DATE/TIME/TIMESTAMP) becomes CAST(x AS TEXT) (SQLite keeps dates as text);
//   - concat and concat_ws skip NULLs, and LIKE takes a backslash as its default escape
//     character, as in PostgreSQL (functions registered on each connection);
//   - string literals are lexed as PostgreSQL lexes them (standard_conforming_strings on: a
//     backslash is literal in '...'; E'...' escape strings; $$...$$ and $tag$...$tag$ dollar
//     quoting; nested /* */ comments), so what would inject on PostgreSQL injects here and
//     what would not, does not.
//
// Plain string literals, quoted identifiers and -- comments are copied unchanged.
package pgshim

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Register installs the translating driver under name.
func Register(name string) {
	sql.Register(name, &Driver{})
}

// Driver opens SQLite connections that translate PostgreSQL-style statements.
type Driver struct{}

var inner = &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
	if err := c.RegisterFunc("now", func() string { return time.Now().UTC().Format("2006-01-02 15:04:05.999999999-07:00") }, false); err != nil {
		return err
	}
	// PostgreSQL functions and operators that SQLite lacks or reads otherwise: concat and
	// concat_ws skip NULLs; LIKE (and ILIKE, translated to LIKE) takes a backslash as its
	// escape character unless an ESCAPE clause names another (ESCAPE '' names none).
	if err := c.RegisterFunc("concat", concat, true); err != nil {
		return err
	}
	if err := c.RegisterFunc("concat_ws", concatWS, true); err != nil {
		return err
	}
	if err := c.RegisterFunc("like", func(pattern, s any) (any, error) { return like(pattern, s, "\\") }, true); err != nil {
		return err
	}
	return c.RegisterFunc("like", func(pattern, s, esc any) (any, error) {
		if isNull(esc) {
			return nil, nil
		}
		return like(pattern, s, text(esc))
	}, true)
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

// Translate rewrites the PostgreSQL-only syntax of q into SQLite's. A statement that
// PostgreSQL would refuse to lex (an unterminated literal or comment) is returned with a
// trailing token that SQLite refuses too, so the application sees an error as it would.
func Translate(q string) string {
	out, err := translate(q)
	if err != nil {
		return out + " \x01"
	}
	return out
}

type lexError string

func (e lexError) Error() string { return string(e) }

// translate lexes q as PostgreSQL does (standard_conforming_strings on) and writes SQLite.
//
//   - '...' literals: a backslash is an ordinary character and a doubled quote is one quote, as in SQLite:
//     copied unchanged.
//   - E'...' literals (escape strings): backslash escapes (\\, \', \n, \t, \r, \b, \f, octal,
//     \xHH, \uXXXX, \UXXXXXXXX; any other \c is c) and doubled quotes are decoded, and the value is
//     written as a plain SQLite literal.
//   - dollar-quoted literals ($$...$$, $tag$...$tag$): the body is taken verbatim up to the
//     same closing delimiter and written as a plain SQLite literal.
//   - "..." identifiers, -- comments: copied unchanged.
//   - /* ... */ comments nest in PostgreSQL (SQLite stops at the first */): each becomes one
//     space; an unterminated one is an error (SQLite would accept it up to the end).
//   - $1, $2... become ?1, ?2...; ILIKE becomes LIKE; "::type" casts are dropped.
func translate(q string) (string, error) {
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
			if j >= len(q) {
				b.WriteString(q[i:])
				return b.String(), lexError("unterminated quoted string")
			}
			j++
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
			depth, j := 1, i+2
			for j < len(q) && depth > 0 {
				switch {
				case strings.HasPrefix(q[j:], "/*"):
					depth++
					j += 2
				case strings.HasPrefix(q[j:], "*/"):
					depth--
					j += 2
				default:
					j++
				}
			}
			if depth > 0 {
				b.WriteString(q[i:])
				return b.String(), lexError("unterminated /* comment")
			}
			b.WriteByte(' ')
			i = j
		case c == '$' && i+1 < len(q) && isDigit(q[i+1]):
			b.WriteByte('?')
			i++
		case c == '$' && (i == 0 || !isWord(q[i-1])):
			tag, ok := dollarTag(q[i:])
			if !ok {
				b.WriteByte(c)
				i++
				break
			}
			body := i + len(tag)
			end := strings.Index(q[body:], tag)
			if end < 0 {
				b.WriteString(q[i:])
				return b.String(), lexError("unterminated dollar-quoted string")
			}
			writeLiteral(&b, q[body:body+end])
			i = body + end + len(tag)
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
			if (word == "E" || word == "e") && j < len(q) && q[j] == '\'' {
				value, next, err := escapeString(q, j)
				if err != nil {
					b.WriteString(q[i:])
					return b.String(), err
				}
				writeLiteral(&b, value)
				i = next
				break
			}
			if strings.EqualFold(word, "ILIKE") && (i == 0 || !isWord(q[i-1])) {
				word = "LIKE"
			}
			// Typed literals (DATE '2024-02-01', TIMESTAMP WITH TIME ZONE '...') become the
			// plain literal (SQLite keeps dates as text); CAST(x AS DATE) becomes AS TEXT.
			if n, ok := typeName(q, i); ok && (i == 0 || !isWord(q[i-1])) {
				k := n
				for k < len(q) && isSpace(q[k]) {
					k++
				}
				if k < len(q) && q[k] == '\'' && !precededByAs(q, i) {
					i = k
					break
				}
			}
			if strings.EqualFold(word, "AS") {
				k := j
				for k < len(q) && isSpace(q[k]) {
					k++
				}
				if n, ok := typeName(q, k); ok && k > j {
					m := n
					for m < len(q) && isSpace(q[m]) {
						m++
					}
					if m < len(q) && q[m] == ')' {
						b.WriteString(word + " TEXT")
						i = n
						break
					}
				}
			}
			b.WriteString(word)
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// dollarTag returns the opening delimiter of a dollar-quoted literal at the start of s
// ("$$" or "$tag$", the tag a letter or underscore then letters, digits or underscores).
func dollarTag(s string) (string, bool) {
	if strings.HasPrefix(s, "$$") {
		return "$$", true
	}
	j := 1
	for j < len(s) && (isWord(s[j]) && (j > 1 || !isDigit(s[j]))) {
		j++
	}
	if j > 1 && j < len(s) && s[j] == '$' {
		return s[:j+1], true
	}
	return "", false
}

// escapeString decodes the E'...' literal whose opening quote is at q[open]; it returns the
// value and the index after the closing quote.
func escapeString(q string, open int) (string, int, error) {
	var v strings.Builder
	for j := open + 1; j < len(q); {
		c := q[j]
		switch {
		case c == '\'' && j+1 < len(q) && q[j+1] == '\'':
			v.WriteByte('\'')
			j += 2
		case c == '\'':
			return v.String(), j + 1, nil
		case c == '\\' && j+1 < len(q):
			d := q[j+1]
			j += 2
			switch d {
			case 'b':
				v.WriteByte('\b')
			case 'f':
				v.WriteByte('\f')
			case 'n':
				v.WriteByte('\n')
			case 'r':
				v.WriteByte('\r')
			case 't':
				v.WriteByte('\t')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				n, k := int(d-'0'), 0
				for k < 2 && j < len(q) && q[j] >= '0' && q[j] <= '7' {
					n = n*8 + int(q[j]-'0')
					j++
					k++
				}
				v.WriteByte(byte(n))
			case 'x':
				n, k := 0, 0
				for k < 2 && j < len(q) && isHex(q[j]) {
					n = n*16 + hexValue(q[j])
					j++
					k++
				}
				if k == 0 {
					v.WriteByte('x')
				} else {
					v.WriteByte(byte(n))
				}
			case 'u', 'U':
				width := 4
				if d == 'U' {
					width = 8
				}
				n := 0
				for k := 0; k < width; k++ {
					if j+k >= len(q) || !isHex(q[j+k]) {
						return "", 0, lexError("invalid Unicode escape")
					}
					n = n*16 + hexValue(q[j+k])
				}
				j += width
				v.WriteRune(rune(n))
			default:
				v.WriteByte(d)
			}
		default:
			v.WriteByte(c)
			j++
		}
	}
	return "", 0, lexError("unterminated quoted string")
}

// writeLiteral writes value as a SQLite string literal.
func writeLiteral(b *strings.Builder, value string) {
	b.WriteByte('\'')
	b.WriteString(strings.ReplaceAll(value, "'", "''"))
	b.WriteByte('\'')
}

// typeName reports whether a date or time type name (DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
// TIMETZ, optionally WITH or WITHOUT TIME ZONE) starts at q[i], and where it ends.
func typeName(q string, i int) (int, bool) {
	j := i
	for j < len(q) && isWord(q[j]) {
		j++
	}
	switch strings.ToUpper(q[i:j]) {
	case "DATE", "TIMESTAMPTZ", "TIMETZ":
		return j, true
	case "TIME", "TIMESTAMP":
	default:
		return 0, false
	}
	// An optional WITH TIME ZONE or WITHOUT TIME ZONE.
	k, words := j, []string{}
	for len(words) < 3 {
		m := k
		for m < len(q) && isSpace(q[m]) {
			m++
		}
		e := m
		for e < len(q) && isWord(q[e]) {
			e++
		}
		if e == m {
			break
		}
		words = append(words, strings.ToUpper(q[m:e]))
		k = e
	}
	if len(words) == 3 && (words[0] == "WITH" || words[0] == "WITHOUT") && words[1] == "TIME" && words[2] == "ZONE" {
		return k, true
	}
	return j, true
}

// precededByAs reports whether the word before q[i] is AS (a CAST target, not a literal).
func precededByAs(q string, i int) bool {
	k := i
	for k > 0 && isSpace(q[k-1]) {
		k--
	}
	return k >= 2 && strings.EqualFold(q[k-2:k], "AS") && (k == 2 || !isWord(q[k-3]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// isNull reports whether an SQLite function argument is NULL (go-sqlite3 passes a nil []byte).
func isNull(v any) bool {
	b, ok := v.([]byte)
	return v == nil || ok && b == nil
}

// text is the text of an SQLite value (nil for NULL).
func text(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}

func concat(args ...any) string {
	var b strings.Builder
	for _, a := range args {
		if !isNull(a) {
			b.WriteString(text(a))
		}
	}
	return b.String()
}

func concatWS(sep any, args ...any) any {
	if isNull(sep) {
		return nil
	}
	parts := []string{}
	for _, a := range args {
		if !isNull(a) {
			parts = append(parts, text(a))
		}
	}
	return strings.Join(parts, text(sep))
}

// like matches s against a PostgreSQL LIKE pattern (% any run, _ one character, esc quotes
// the next character; case is ignored as SQLite's LIKE ignores it). NULL gives NULL.
func like(pattern, s any, esc string) (any, error) {
	if isNull(pattern) || isNull(s) {
		return nil, nil
	}
	e := []rune(esc)
	if len(e) > 1 {
		return nil, fmt.Errorf("invalid escape string")
	}
	p := []rune(strings.ToLower(text(pattern)))
	v := []rune(strings.ToLower(text(s)))
	var match func(pi, vi int) (bool, error)
	match = func(pi, vi int) (bool, error) {
		for pi < len(p) {
			c := p[pi]
			switch {
			case len(e) == 1 && c == unicode.ToLower(e[0]):
				if pi+1 >= len(p) {
					return false, fmt.Errorf("LIKE pattern must not end with escape character")
				}
				if vi >= len(v) || v[vi] != p[pi+1] {
					return false, nil
				}
				pi, vi = pi+2, vi+1
			case c == '%':
				for pi < len(p) && p[pi] == '%' {
					pi++
				}
				if pi == len(p) {
					return true, nil
				}
				for k := vi; k <= len(v); k++ {
					ok, err := match(pi, k)
					if err != nil || ok {
						return ok, err
					}
				}
				return false, nil
			case c == '_':
				if vi >= len(v) {
					return false, nil
				}
				pi, vi = pi+1, vi+1
			default:
				if vi >= len(v) || v[vi] != c {
					return false, nil
				}
				pi, vi = pi+1, vi+1
			}
		}
		return vi == len(v), nil
	}
	ok, err := match(0, 0)
	if err != nil {
		return nil, err
	}
	if ok {
		return int64(1), nil
	}
	return int64(0), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

func isWord(c byte) bool {
	return c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
