// Package store is the PostgreSQL persistence layer of Ledgerly.
package store

import (
	"database/sql"
	"errors"
	"strconv"
	"time"

	_ "github.com/lib/pq"
)

// ErrNotFound is returned when a row does not exist.
var ErrNotFound = errors.New("not found")

// Store wraps the connection pool.
type Store struct {
	db *sql.DB
}

// Open connects to PostgreSQL using dsn.
func Open(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close releases the pool.
func (s *Store) Close() error { return s.db.Close() }

// queryArgs collects the positional arguments of a PostgreSQL statement.
// Bind appends a value and returns its placeholder ("$1", "$2", ...).
type queryArgs struct {
	vals []any
}

// Bind records v and returns the placeholder that refers to it.
func (a *queryArgs) Bind(v any) string {
	a.vals = append(a.vals, v)
	return "$" + strconv.Itoa(len(a.vals))
}

// Values returns the arguments in placeholder order.
func (a *queryArgs) Values() []any { return a.vals }

// invoiceColumns is the select list read by scanInvoice; the invoices table is
// aliased "i" and customers "c".
const invoiceColumns = "i.id, i.number, c.id, c.name, i.status, i.currency, i.total_cents, i.issued_on, i.due_on, i.paid_at"

type rowScanner interface {
	Scan(dest ...any) error
}

func scanInvoice(row rowScanner) (Invoice, error) {
	var inv Invoice
	var paid sql.NullTime
	err := row.Scan(&inv.ID, &inv.Number, &inv.CustomerID, &inv.CustomerName, &inv.Status,
		&inv.Currency, &inv.TotalCents, &inv.IssuedOn, &inv.DueOn, &paid)
	if err != nil {
		return inv, err
	}
	if paid.Valid {
		t := paid.Time
		inv.PaidAt = &t
	}
	return inv, nil
}
