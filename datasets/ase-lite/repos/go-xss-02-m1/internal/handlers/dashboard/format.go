package dashboard

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"shipboard.io/shipboard/internal/builds"
)

// esc escapes s for HTML text and double-quoted attribute values.
func esc(s string) string { return html.EscapeString(s) }

// pageURL is the dashboard link for a branch, search and page, query-encoded and
// ready to be placed (after esc) in an href.
func pageURL(branch, query string, page int) string {
	v := url.Values{}
	v.Set("branch", branch)
	if query != "" {
		v.Set("q", query)
	}
	if page > 1 {
		v.Set("page", fmt.Sprint(page))
	}
	return "/?" + v.Encode()
}

// statusClass is the CSS class of a table row for a build status.
func statusClass(s builds.Status) string {
	switch s {
	case builds.Passed:
		return "ok"
	case builds.Failed:
		return "bad"
	case builds.Running, builds.Queued:
		return "busy"
	default:
		return "muted"
	}
}

// shortSHA abbreviates a commit hash to 8 characters.
func shortSHA(sha string) string {
	if len(sha) > 8 {
		return sha[:8]
	}
	return sha
}

// firstLine returns the subject line of a commit message.
func firstLine(note string) string {
	if i := strings.IndexByte(note, '\n'); i >= 0 {
		return note[:i]
	}
	return note
}

// formatDuration renders d as "4m05s" or "38s".
func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

// relTime renders t relative to now ("just now", "5 min ago", "3 h ago", "2 d ago").
func relTime(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d d ago", int(d.Hours()/24))
	}
}
