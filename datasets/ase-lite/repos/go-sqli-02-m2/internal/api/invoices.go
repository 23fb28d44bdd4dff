package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ledgerly.dev/ledgerly/internal/web/store"
)

const dateLayout = "2006-01-02"

func (a *API) getInvoice(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusBadRequest, "invalid invoice id")
		return
	}
	inv, err := a.store.GetInvoice(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		fail(w, http.StatusNotFound, "invoice not found")
		return
	}
	if err != nil {
		a.log.Error("get invoice", "id", id, "err", err)
		fail(w, http.StatusInternalServerError, "could not load invoice")
		return
	}
	respond(w, http.StatusOK, inv)
}

// searchInvoices maps the query string onto a store.InvoiceFilter.
func (a *API) searchInvoices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.InvoiceFilter{
		Customer:   strings.TrimSpace(q.Get("customer")),
		Status:     q.Get("status"),
		Currency:   strings.ToUpper(q.Get("currency")),
		IssuedFrom: q.Get("from"),
		IssuedTo:   q.Get("to"),
		Sort:       q.Get("sort"),
		Desc:       q.Get("dir") == "desc",
		PerPage:    a.cfg.PageSize,
	}
	if v := q.Get("min_total"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			fail(w, http.StatusBadRequest, "min_total must be a non-negative amount in cents")
			return
		}
		f.MinTotalCents = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail(w, http.StatusBadRequest, "page must be a positive integer")
			return
		}
		f.Page = n
	}

	invoices, err := a.store.SearchInvoices(r.Context(), f)
	if err != nil {
		a.log.Error("search invoices", "err", err)
		fail(w, http.StatusInternalServerError, "search failed")
		return
	}
	respond(w, http.StatusOK, invoices)
}

type createRequest struct {
	CustomerID int64  `json:"customer_id"`
	Number     string `json:"number"`
	Currency   string `json:"currency"`
	TotalCents int64  `json:"total_cents"`
	IssuedOn   string `json:"issued_on"`
	DueOn      string `json:"due_on"`
}

func (a *API) createInvoice(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		fail(w, http.StatusBadRequest, "invalid JSON")
		return
	}
	issued, err1 := time.Parse(dateLayout, req.IssuedOn)
	due, err2 := time.Parse(dateLayout, req.DueOn)
	if err1 != nil || err2 != nil || due.Before(issued) {
		fail(w, http.StatusBadRequest, "issued_on and due_on must be YYYY-MM-DD, due after issue")
		return
	}
	id, err := a.store.CreateInvoice(r.Context(), req.CustomerID, req.Number,
		strings.ToUpper(req.Currency), req.TotalCents, issued, due)
	if err != nil {
		a.log.Error("create invoice", "err", err)
		fail(w, http.StatusInternalServerError, "could not create invoice")
		return
	}
	respond(w, http.StatusCreated, map[string]int64{"id": id})
}

func (a *API) markPaid(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusBadRequest, "invalid invoice id")
		return
	}
	err = a.store.MarkPaid(r.Context(), id, time.Now().UTC())
	if errors.Is(err, store.ErrNotFound) {
		fail(w, http.StatusConflict, "invoice is not awaiting payment")
		return
	}
	if err != nil {
		a.log.Error("mark paid", "id", id, "err", err)
		fail(w, http.StatusInternalServerError, "could not record payment")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
