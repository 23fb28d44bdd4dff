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

// Standard SQL that PostgreSQL accepts and SQLite does not (or reads otherwise) runs with
// PostgreSQL's meaning: typed literals, CAST to a date type, concat, LIKE's backslash escape.
func TestPostgresSyntax(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1 WHERE d >= DATE '2024-02-01' AND t < timestamp '2024-03-01 00:00'`, `SELECT 1 WHERE d >= '2024-02-01' AND t < '2024-03-01 00:00'`},
		{`SELECT TIMESTAMP WITH TIME ZONE '2024-01-01', TIME '10:00'`, `SELECT '2024-01-01', '10:00'`},
		{`SELECT CAST($1 AS DATE), CAST(x AS timestamp with time zone ), CAST(y AS INTEGER)`, `SELECT CAST(?1 AS TEXT), CAST(x AS TEXT ), CAST(y AS INTEGER)`},
		{`SELECT date, "date" FROM t`, `SELECT date, "date" FROM t`},
	}
	for _, c := range cases {
		if got := Translate(c.in); got != c.want {
			t.Errorf("Translate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	db, err := sql.Open("postgres-test", filepath.Join(t.TempDir(), "s.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE i (d DATE, v TEXT); INSERT INTO i VALUES ('2024-01-05', '50% off'), ('2024-02-01', '50 off'), ('2024-03-10', 'a_b')`); err != nil {
		t.Fatal(err)
	}
	count := func(q string, args ...any) int {
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Errorf("%s: %v", q, err)
			return -1
		}
		return n
	}
	cases2 := []struct {
		q    string
		args []any
		want int
	}{
		{`SELECT count(*) FROM i WHERE d >= DATE '2024-02-01'`, nil, 2},
		{`SELECT count(*) FROM i WHERE d >= CAST($1 AS DATE) AND d <= $2::date`, []any{"2024-01-06", "2024-02-01"}, 1},
		{`SELECT count(*) FROM i WHERE d < CURRENT_DATE`, nil, 3},
		{`SELECT count(*) FROM i WHERE v LIKE $1`, []any{`%50\%%`}, 1},
		{`SELECT count(*) FROM i WHERE v ILIKE '%' || $1 || '%'`, []any{`A\_B`}, 1},
		{`SELECT count(*) FROM i WHERE v LIKE $1 ESCAPE '!'`, []any{`%!_%`}, 1},
		{`SELECT count(*) FROM i WHERE v LIKE $1 ESCAPE '!'`, []any{`%\%`}, 0},
		{`SELECT count(*) FROM i WHERE v LIKE CONCAT('%', $1::text, '%')`, []any{"OFF"}, 2},
		{`SELECT count(*) FROM i WHERE concat_ws('-', v, NULL, 'x') = '50 off-x'`, nil, 1},
		{`SELECT count(*) FROM i WHERE COALESCE(NULL, v) = IFNULL(NULL, v)`, nil, 3},
		{`SELECT count(*) FROM (SELECT * FROM i ORDER BY d LIMIT $1 OFFSET $2)`, []any{2, 1}, 2},
	}
	for _, c := range cases2 {
		if got := count(c.q, c.args...); got != c.want {
			t.Errorf("%s %v: %d rows, want %d", c.q, c.args, got, c.want)
		}
	}
}
