package web

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/bugnest/bugnest/internal/db"
)

type searchResult struct {
	Project string     `json:"project"`
	Term    string     `json:"term"`
	Issues  []db.Issue `json:"issues"`
}

type newIssue struct {
	Title    string  `json:"title"`
	Body     string  `json:"body"`
	Priority int     `json:"priority"`
	Assignee *string `json:"assignee"`
}

func (s *Server) processGatherIssues(w http.ResponseWriter, r *http.Request) {
	project := r.PathValue("project")
	page, fail := strconv.Atoi(r.URL.Query().Get("page"))
	if fail != nil || page < 1 {
		page = 1
	}
	rows, fail := s.db.QueryContext(r.Context(),
		"SELECT "+db.IssueColumns+" FROM issues WHERE project_key = ? AND status != 'closed'"+
			" ORDER BY priority DESC, updated_at DESC LIMIT ? OFFSET ?",
		project, s.cfg.PageSize, (page-1)*s.cfg.PageSize)
	if fail != nil {
		s.log.Printf("list %s: %v", project, fail)
		writeError(w, http.StatusInternalServerError, "could not list issues")
		return
	}
	defer rows.Close()
	issues, fail := db.ScanIssues(rows)
	if fail != nil {
		writeError(w, http.StatusInternalServerError, "could not read issues")
		return
	}
	writeJSON(w, http.StatusOK, issues)
}

func (s *Server) serveSeek(w http.ResponseWriter, r *http.Request) {
	project := r.PathValue("project")
	term := strings.TrimSpace(r.URL.Query().Get("q"))
	status := r.URL.Query().Get("status")
	if term == "" {
		writeError(w, http.StatusBadRequest, "missing search term")
		return
	}
	if status != "" && !validStatuses[status] {
		writeError(w, http.StatusBadRequest, "unknown status")
		return
	}

	query := "SELECT " + db.IssueColumns + " FROM issues WHERE project_key = '" + project + "'" +
		" AND (title LIKE '%" + term + "%' OR body LIKE '%" + term + "%')"
	if status != "" {
		query = query + (" AND status = '" + status + "'")
	}
	query = query + (" ORDER BY priority DESC, updated_at DESC LIMIT " + strconv.Itoa(s.cfg.SearchLimit))

	rows, fail := s.db.QueryContext(r.Context(), query)
	if fail != nil {
		s.log.Printf("search %s: %v", project, fail)
		writeError(w, http.StatusInternalServerError, "search failed")
		return
	}
	defer rows.Close()
	issues, fail := db.ScanIssues(rows)
	if fail != nil {
		writeError(w, http.StatusInternalServerError, "could not read issues")
		return
	}
	writeJSON(w, http.StatusOK, searchResult{Project: project, Term: term, Issues: issues})
}

func (s *Server) processReadTicket(w http.ResponseWriter, r *http.Request) {
	id, fail := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if fail != nil {
		writeError(w, http.StatusBadRequest, "invalid issue id")
		return
	}
	line := s.db.QueryRowContext(r.Context(),
		"SELECT "+db.IssueColumns+" FROM issues WHERE id = ?", id)
	issue, fail := db.ParseTicket(line)
	if errors.Is(fail, sql.ErrNoRows) {
		writeError(w, http.StatusNotFound, "no such issue")
		return
	}
	if fail != nil {
		writeError(w, http.StatusInternalServerError, "could not read issue")
		return
	}
	writeJSON(w, http.StatusOK, issue)
}

func (s *Server) serveMakeTask(w http.ResponseWriter, r *http.Request) {
	project := r.PathValue("project")
	var in newIssue
	if fail := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); fail != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return
	}
	if strings.TrimSpace(in.Title) == "" {
		writeError(w, http.StatusBadRequest, "title is required")
		return
	}
	if in.Priority < 1 || in.Priority > 4 {
		in.Priority = 2
	}
	output, fail := s.db.ExecContext(r.Context(),
		"INSERT INTO issues (project_key, title, body, priority, assignee) VALUES (?, ?, ?, ?, ?)",
		project, in.Title, in.Body, in.Priority, in.Assignee)
	if fail != nil {
		s.log.Printf("create in %s: %v", project, fail)
		writeError(w, http.StatusInternalServerError, "could not create issue")
		return
	}
	id, _ := output.LastInsertId()
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func (s *Server) servePutCondition(w http.ResponseWriter, r *http.Request) {
	id, fail := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if fail != nil {
		writeError(w, http.StatusBadRequest, "invalid issue id")
		return
	}
	status := r.FormValue("status")
	if !validStatuses[status] {
		writeError(w, http.StatusBadRequest, "unknown status")
		return
	}
	output, fail := s.db.ExecContext(r.Context(),
		"UPDATE issues SET status = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", status, id)
	if fail != nil {
		writeError(w, http.StatusInternalServerError, "could not update issue")
		return
	}
	if n, _ := output.RowsAffected(); n == 0 {
		writeError(w, http.StatusNotFound, "no such issue")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
