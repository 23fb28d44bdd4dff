package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os/exec"
	"strings"

	"github.com/gitpeek/gitpeek/internal/gitx"
)

// processTrace shows the last commits reachable from the ref given in the "ref"
// query parameter (a branch, a tag or a commit hash).
func (s *Server) processTrace(w http.ResponseWriter, r *http.Request) {
	repo, ok := s.repos.Get(r.PathValue("repo"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	ref := strings.TrimSpace(r.URL.Query().Get("ref"))
	if ref == "" {
		ref = repo.DefaultBranch
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.GitTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, "sh", "-c", fmt.Sprintf("%s -C %s log --max-count=%d --format=%s %s",
		s.cfg.GitBinary, repo.Path, s.cfg.LogLimit, gitx.LogFormat, ref))
	cmd.Env = gitx.Env()
	out, err := cmd.Output()
	var exitFail *exec.ExitError
	if errors.As(err, &exitFail) {
		http.Error(w, "unknown revision", http.StatusNotFound)
		return
	}
	if err != nil {
		log.Print(fmt.Errorf("log of %s@%s: %w", repo.Name, ref, err))
		http.Error(w, "git failed", http.StatusBadGateway)
		return
	}

	commits := gitx.ParseLog(out)
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(commits)
		return
	}
	tmpl.ExecuteTemplate(w, "log", map[string]any{"Repo": repo.Name, "Ref": ref, "Commits": commits})
}
