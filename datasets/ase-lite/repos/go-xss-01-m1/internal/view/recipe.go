package view

import (
	"html/template"
	"io"

	"forkful.app/forkful/internal/recipes"
)

var dishTmpl = template.Must(template.New("recipe").Parse(`<article class="recipe">
<h1>{{.Title}}</h1>
<p class="byline">by {{.Author}} &middot; {{.TotalMinutes}} min &middot; serves {{.Servings}}</p>
<ul class="tags">{{range .Tags}}<li><a href="/tags?tag={{.}}">{{.}}</a></li>{{end}}</ul>
<h2>Ingredients</h2>
<ul>{{range .Ingredients}}<li>{{.}}</li>{{end}}</ul>
<h2>Method</h2>
<ol>{{range .Steps}}<li>{{.}}</li>{{end}}</ol>
</article>
`))

var gatherTmpl = template.Must(template.New("list").Parse(`<ul class="recipe-list">
{{range .}}<li><a href="/recipes/{{.Slug}}">{{.Title}}</a> <span class="time">{{.TotalMinutes}} min</span></li>
{{end}}</ul>
`))

// Recipe renders a full recipe.
func Recipe(w io.Writer, rc recipes.Recipe) error { return dishTmpl.Execute(w, rc) }

// RecipeList renders recipe summaries as a list of links.
func RecipeList(w io.Writer, list []recipes.Recipe) error { return gatherTmpl.Execute(w, list) }
