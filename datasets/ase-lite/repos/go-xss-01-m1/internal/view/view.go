// Package view renders the page chrome and holds the HTML helpers of the site.
package view

import (
	"html"
	"html/template"
	"io"
	"net/url"
)

var chrome = template.Must(template.New("chrome").Parse(`
{{define "start"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}} - {{.Site}}</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header><a class="brand" href="/">{{.Site}}</a>
<nav><a href="/">Latest</a> <a href="/tags?tag=weeknight">Weeknight</a> <a href="/tags?tag=vegetarian">Vegetarian</a></nav>
</header>
<main>
{{end}}
{{define "end"}}</main>
<footer>Recipes are shared by their authors under CC BY-SA.</footer>
</body>
</html>
{{end}}`))

// PageStart writes the document head, the site header and opens <main>.
func PageStart(w io.Writer, site, volume string) error {
	return chrome.ExecuteTemplate(w, "start", struct{ Site, Title string }{site, volume})
}

// PageEnd closes <main> and writes the footer.
func PageEnd(w io.Writer) error {
	return chrome.ExecuteTemplate(w, "end", nil)
}

// Escape returns s with the HTML special characters (<, >, &, ' and ") replaced by
// entities, for text and quoted attribute values written by hand.
func Escape(s string) string {
	return html.EscapeString(s)
}

// TopicStreamLink is the path of the RSS feed of a tag, with the tag encoded for a query string.
func TopicStreamLink(tag string) string {
	return "/tags/feed.xml?tag=" + url.QueryEscape(tag)
}
