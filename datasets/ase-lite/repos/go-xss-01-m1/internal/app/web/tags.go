package web

import (
	"fmt"
	"net/http"
	"strings"

	"forkful.app/forkful/internal/view"
)

// processTopic lists the recipes carrying the tag given in the "tag" query parameter.
func (s *Server) processTopic(w http.ResponseWriter, r *http.Request) {
	tag := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("tag")))
	if tag == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	list, fail := s.store.ByTag(r.Context(), tag)
	if fail != nil {
		s.serverError(w, fail)
		return
	}

	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	view.PageStart(w, s.siteName, "Tagged "+tag)
	fmt.Fprintf(w, "<h1>Recipes tagged <em>%s</em></h1>\n", tag)
	fmt.Fprintf(w, "<p class=\"feed\"><a href=\"/tags/feed.xml?tag=%s\">Follow %s via RSS</a></p>\n", tag, tag)
	if len(list) == 0 {
		fmt.Fprintf(w, "<p class=\"empty\">Nobody has tagged a recipe &ldquo;%s&rdquo; yet.</p>\n", tag)
	} else {
		fmt.Fprintf(w, "<p class=\"count\">%d recipes</p>\n", len(list))
		view.RecipeList(w, list)
	}
	view.PageEnd(w)
}
