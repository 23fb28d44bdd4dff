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

func (s *Server) handleRecipe(w http.ResponseWriter, r *http.Request) {
	rc, err := s.store.BySlug(r.Context(), r.PathValue("slug"))
	if errors.Is(err, recipes.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	view.PageStart(w, s.siteName, rc.Title)
	view.Recipe(w, rc)
	view.PageEnd(w)
}

// NewServer returns a Server reading from store.
func NewServer(store *recipes.Store, siteName string) *Server {
	return &Server{store: store, siteName: siteName}
}

// Routes registers the pages.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.Dir("static"))))
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /recipes/{slug}", s.handleRecipe)
	mux.HandleFunc("GET /tags", s.handleTag)
	return mux
}

func (s *Server) serverError(w http.ResponseWriter, err error) {
	log.Printf("internal error: %v", err)
	http.Error(w, "Something went wrong in the kitchen.", http.StatusInternalServerError)
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	latest, err := s.store.Latest(r.Context(), 20)
	if err != nil {
		s.serverError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	view.PageStart(w, s.siteName, "Latest recipes")
	view.RecipeList(w, latest)
	view.PageEnd(w)
}
