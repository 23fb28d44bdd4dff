package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// GetInvoice returns one invoice by id.
func (s *Store) GetInvoice(ctx context.Context, id int64) (Invoice, error) {
	row := s.db.QueryRowContext(ctx,
		"SELECT "+invoiceColumns+" FROM invoices i JOIN customers c ON c.id = i.customer_id"+
			" WHERE i.id = $1 AND i.deleted_at IS NULL", id)
	inv, err := scanInvoice(row)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, ErrNotFound
	}
	return inv, err
}

// CreateInvoice inserts a draft invoice and returns its id.
func (s *Store) CreateInvoice(ctx context.Context, customerID int64, number, currency string, totalCents int64, issued, due time.Time) (int64, error) {
	number = strings.TrimSpace(number)
	if number == "" {
		return 0, fmt.Errorf("create invoice: empty number")
	}
	var id int64
	err := s.db.QueryRowContext(ctx,
		"INSERT INTO invoices (customer_id, number, status, currency, total_cents, issued_on, due_on)"+
			" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		customerID, number, StatusDraft, currency, totalCents, issued, due).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create invoice %s: %w", number, err)
	}
	return id, nil
}

// SearchInvoices returns the invoices matching f, one page at a time.
func (s *Store) SearchInvoices(ctx context.Context, f InvoiceFilter) ([]Invoice, error) {
	query := "SELECT " + invoiceColumns + " FROM invoices i JOIN customers c ON c.id = i.customer_id" +
		" WHERE i.deleted_at IS NULL"
	if f.Customer != "" {
		query += " AND c.name ILIKE '%" + f.Customer + "%'"
	}
	if f.Status != "" {
		query += " AND i.status = '" + f.Status + "'"
	}
	if f.Currency != "" {
		query += " AND i.currency = '" + f.Currency + "'"
	}
	if f.IssuedFrom != "" {
		query += " AND i.issued_on >= '" + f.IssuedFrom + "'"
	}
	if f.IssuedTo != "" {
		query += " AND i.issued_on <= '" + f.IssuedTo + "'"
	}
	if f.MinTotalCents > 0 {
		query += fmt.Sprintf(" AND i.total_cents >= %d", f.MinTotalCents)
	}

	sortCol := "i.issued_on"
	if f.Sort != "" {
		sortCol = "i." + f.Sort
	}
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	if f.Page < 1 {
		f.Page = 1
	}
	query += fmt.Sprintf(" ORDER BY %s %s, i.id %s LIMIT %d OFFSET %d",
		sortCol, dir, dir, f.PerPage, (f.Page-1)*f.PerPage)

	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("search invoices: %w", err)
	}
	defer rows.Close()
	invoices := []Invoice{}
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		invoices = append(invoices, inv)
	}
	return invoices, rows.Err()
}

// MarkPaid records the payment of an invoice.
func (s *Store) MarkPaid(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx,
		"UPDATE invoices SET status = $1, paid_at = $2 WHERE id = $3 AND status IN ($4, $5)",
		StatusPaid, at, id, StatusSent, StatusOverdue)
	if err != nil {
		return fmt.Errorf("mark invoice %d paid: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
