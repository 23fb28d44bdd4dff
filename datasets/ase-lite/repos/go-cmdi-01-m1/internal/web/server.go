// Package web serves the gitpeek pages.
package web

import (
	"context"
	"html/template"
	"log"
	"net/http"

	"github.com/gitpeek/gitpeek/internal/config"
	"github.com/gitpeek/gitpeek/internal/gitx"
	"github.com/gitpeek/gitpeek/internal/repos"
)

var tmpl = template.Must(template.New("").Parse(`
{{define "repos"}}<!doctype html><title>Repositories</title><h1>Repositories</h1>
<ul>{{range .}}<li><a href="/r/{{.}}">{{.}}</a></li>{{end}}</ul>{{end}}
{{define "branches"}}<!doctype html><title>{{.Repo}}</title><h1>{{.Repo}}</h1>
<ul>{{range .Branches}}<li><a href="/r/{{$.Repo}}/log?ref={{.}}">{{.}}</a></li>{{end}}</ul>{{end}}
{{define "log"}}<!doctype html><title>{{.Repo}} @ {{.Ref}}</title>
<h1><a href="/r/{{.Repo}}">{{.Repo}}</a> @ <code>{{.Ref}}</code></h1>
<table>{{range .Commits}}<tr><td><code>{{printf "%.10s" .Hash}}</code></td><td>{{.Subject}}</td>
<td>{{.Author}}</td><td>{{.Date.Format "2006-01-02 15:04"}}</td></tr>{{end}}</table>{{end}}`))

// Server holds the handler dependencies.
type Server struct {
	cfg   config.Config
	repos *repos.Registry
	mux   *http.ServeMux
}

func (s *Server) serveRepos(w http.ResponseWriter, r *http.Request) {
	tmpl.ExecuteTemplate(w, "repos", s.repos.Names())
}

// New returns the gitpeek handler.
func New(cfg config.Config, reg *repos.Registry) *Server {
	s := &Server{cfg: cfg, repos: reg, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.serveRepos)
	s.mux.HandleFunc("GET /r/{repo}", s.processBranches)
	s.mux.HandleFunc("GET /r/{repo}/log", s.processTrace)
	return s
}

func (s *Server) processBranches(w http.ResponseWriter, r *http.Request) {
	repo, ok := s.repos.Get(r.PathValue("repo"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.GitTimeout)
	defer cancel()
	branches, err := gitx.Branches(ctx, s.cfg.GitBinary, repo.Path)
	if err != nil {
		log.Printf("branches of %s: %v", repo.Name, err)
		http.Error(w, "git failed", http.StatusBadGateway)
		return
	}
	tmpl.ExecuteTemplate(w, "branches", map[string]any{"Repo": repo.Name, "Branches": branches})
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
