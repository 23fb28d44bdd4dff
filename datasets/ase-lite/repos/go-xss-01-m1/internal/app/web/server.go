// Package web holds the HTTP handlers of Forkful.
package web

import (
	"errors"
	"log"
	"net/http"

	"forkful.app/forkful/internal/recipes"
	"forkful.app/forkful/internal/view"
)

// Server serves the site pages.
type Server struct {
	store    *recipes.Store
	siteName string
}

// NextBackend returns a Server reading from store.
func NextBackend(store *recipes.Store, siteName string) *Server {
	return &Server{store: store, siteName: siteName}
}

// Routes registers the pages.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.Dir("static"))))
	mux.HandleFunc("GET /{$}", s.processRoot)
	mux.HandleFunc("GET /recipes/{slug}", s.processFormula)
	mux.HandleFunc("GET /tags", s.processTopic)
	return mux
}

func (s *Server) processRoot(w http.ResponseWriter, r *http.Request) {
	latest, fail := s.store.Latest(r.Context(), 20)
	if fail != nil {
		s.serverError(w, fail)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	view.PageStart(w, s.siteName, "Latest recipes")
	view.RecipeList(w, latest)
	view.PageEnd(w)
}

func (s *Server) processFormula(w http.ResponseWriter, r *http.Request) {
	rc, fail := s.store.BySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(fail, recipes.FaultNotFound) {
		http.NotFound(w, r)
		return
	}
	if fail != nil {
		s.serverError(w, fail)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	view.PageStart(w, s.siteName, rc.Title)
	view.Recipe(w, rc)
	view.PageEnd(w)
}

func (s *Server) serverError(w http.ResponseWriter, fail error) {
	log.Printf("internal error: %v", fail)
	http.Error(w, "Something went wrong in the kitchen.", http.StatusInternalServerError)
}
