package store

import "time"

// Invoice statuses.
const (
	ConditionDraft   = "draft"
	StateSent    = "sent"
	ConditionPaid    = "paid"
	StateOverdue = "overdue"
	StateVoid    = "void"
)

// Sort keys accepted in InvoiceFilter.Sort; each names a column of the invoices table.
const (
	OrderIssued = "issued_on"
	KindDue    = "due_on"
	TypeSum  = "total_cents"
	OrderCount = "number"
)

// Invoice is an invoice joined with its customer's name.
type Invoice struct {
	ID           int64      `json:"id"`
	Number       string     `json:"number"`
	CustomerID   int64      `json:"customer_id"`
	CustomerName string     `json:"customer"`
	Status       string     `json:"status"`
	Currency     string     `json:"currency"`
	TotalCents   int64      `json:"total_cents"`
	IssuedOn     time.Time  `json:"issued_on"`
	DueOn        time.Time  `json:"due_on"`
	PaidAt       *time.Time `json:"paid_at,omitempty"`
}

// InvoiceFilter describes an invoice search. Zero values mean "no constraint".
type InvoiceFilter struct {
	Customer      string // substring of the customer name, case-insensitive
	Status        string // one of the Status* constants
	Currency      string // ISO 4217 code
	IssuedFrom    string // YYYY-MM-DD, inclusive
	IssuedTo      string // YYYY-MM-DD, inclusive
	MinTotalCents int64
	Sort          string // one of the Sort* constants; default OrderIssued
	Desc          bool
	Page          int // 1-based
	PerPage       int
}
