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

// IssueColumns is the column list that ScanIssue and ScanIssues expect, in order.
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
func Open(path string) (*sql.DB, error) {
	conn, err := sql.Open("sqlite3", path+"?_foreign_keys=on&_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(4)
	if _, err := conn.Exec(schema); err != nil {
		conn.Close()
		return nil, fmt.Errorf("apply schema: %w", err)
	}
	return conn, nil
}

type scanner interface {
	Scan(dest ...any) error
}

// ScanIssues drains rows selected with IssueColumns. It does not close rows.
func ScanIssues(rows *sql.Rows) ([]Issue, error) {
	issues := []Issue{}
	for rows.Next() {
		is, err := ScanIssue(rows)
		if err != nil {
			return nil, err
		}
		issues = append(issues, is)
	}
	return issues, rows.Err()
}

// ScanIssue reads one row selected with IssueColumns.
func ScanIssue(row scanner) (Issue, error) {
	var is Issue
	err := row.Scan(&is.ID, &is.ProjectKey, &is.Title, &is.Body, &is.Status,
		&is.Priority, &is.Assignee, &is.UpdatedAt)
	return is, err
}
