package pgshim

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// The translation lexes literals and comments as PostgreSQL does.
func TestTranslate(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT * FROM t WHERE a = $1 AND b ILIKE $2`, `SELECT * FROM t WHERE a = ?1 AND b LIKE ?2`},
		{`SELECT x::text, 'a::b'`, `SELECT x, 'a::b'`},
		{`SELECT 'it''s', 'back\'`, `SELECT 'it''s', 'back\'`},
		{`SELECT E'it\'s \\ \n'`, "SELECT 'it''s \\ \n'"},
		{`SELECT e'a''b'`, `SELECT 'a''b'`},
		{`SELECT E'\x41\101\u0042'`, `SELECT 'AAB'`},
		{`SELECT $$it's$$, $tag$a$$b$tag$`, `SELECT 'it''s', 'a$$b'`},
		{`SELECT 1 /* a /* b */ c */ + 1`, `SELECT 1   + 1`},
		{`SELECT "E"'x'`, `SELECT "E"'x'`},
		{`SELECT some$$x`, `SELECT some$$x`},
		{`SELECT 1 -- $$ /*`, `SELECT 1 -- $$ /*`},
	}
	for _, c := range cases {
		if got := Translate(c.in); got != c.want {
			t.Errorf("Translate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{`SELECT 'x`, `SELECT E'x\'`, `SELECT $$x`, `SELECT 1 /* a /* b */`} {
		if _, err := translate(bad); err == nil {
			t.Errorf("translate(%q): no error", bad)
		}
	}
}

// A quote escaped with a backslash in an E-string literal whose backslash is escaped too ends the
// literal, as on PostgreSQL; in a plain literal a backslash does not escape the quote.
func TestInjectionLexing(t *testing.T) {
	db, err := sql.Open("postgres-test", filepath.Join(t.TempDir(), "t.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a'), ('b')`); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			return -1
		}
		return n
	}
	cases := []struct {
		q    string
		want int
	}{
		{`SELECT count(*) FROM t WHERE v = E'\\' OR 1=1 --'`, 2},
		{`SELECT count(*) FROM t WHERE v = E'\' OR 1=1 --'`, 0},
		{`SELECT count(*) FROM t WHERE v = 'x\' OR 1=1 --'`, 2},
		{`SELECT count(*) FROM t WHERE v = $$a$$`, 1},
		{`SELECT count(*) FROM t WHERE v = $q$x$$ OR 1=1 --$q$`, 0},
		{`SELECT count(*) FROM t WHERE v = 'x' /* /* */ OR 1=1 */`, 0},
	}
	for _, c := range cases {
		if got := count(c.q); got != c.want {
			t.Errorf("%s: %d rows, want %d", c.q, got, c.want)
		}
	}
}

func init() { Register("postgres-test") }
