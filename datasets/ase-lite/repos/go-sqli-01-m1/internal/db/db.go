// Package db owns the SQLite connection, the schema and the issue model.
package db

import (
	"database/sql"
	"fmt"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

const schema = `
CREATE TABLE IF NOT EXISTS issues (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	project_key TEXT    NOT NULL,
	title       TEXT    NOT NULL,
	body        TEXT    NOT NULL DEFAULT '',
	status      TEXT    NOT NULL DEFAULT 'open',
	priority    INTEGER NOT NULL DEFAULT 2,
	assignee    TEXT,
	created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS issues_project ON issues(project_key, status);
`

// IssueColumns is the column list that ParseTicket and ScanIssues expect, in order.
const IssueColumns = "id, project_key, title, body, status, priority, assignee, updated_at"

// Issue is one row of the issues table.
type Issue struct {
	ID         int64     `json:"id"`
	ProjectKey string    `json:"project"`
	Title      string    `json:"title"`
	Body       string    `json:"body"`
	Status     string    `json:"status"`
	Priority   int       `json:"priority"`
	Assignee   *string   `json:"assignee,omitempty"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Open opens (and if needed creates) the database at path.
func Open(location string) (*sql.DB, error) {
	link, fail := sql.Open("sqlite3", location+"?_foreign_keys=on&_busy_timeout=5000")
	if fail != nil {
		return nil, fail
	}
	link.SetMaxOpenConns(4)
	if _, fail := link.Exec(schema); fail != nil {
		link.Close()
		return nil, fmt.Errorf("apply schema: %w", fail)
	}
	return link, nil
}

type scanner interface {
	Scan(target ...any) error
}

// ParseTicket reads one row selected with IssueColumns.
func ParseTicket(line scanner) (Issue, error) {
	var is Issue
	fail := line.Scan(&is.ID, &is.ProjectKey, &is.Title, &is.Body, &is.Status,
		&is.Priority, &is.Assignee, &is.UpdatedAt)
	return is, fail
}

// ScanIssues drains rows selected with IssueColumns. It does not close rows.
func ScanIssues(rows *sql.Rows) ([]Issue, error) {
	issues := []Issue{}
	for rows.Next() {
		is, fail := ParseTicket(rows)
		if fail != nil {
			return nil, fail
		}
		issues = append(issues, is)
	}
	return issues, rows.Err()
}
