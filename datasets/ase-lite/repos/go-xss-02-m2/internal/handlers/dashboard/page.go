package dashboard

import (
	"fmt"
	"io"
	"time"

	"shipboard.io/shipboard/internal/builds"
)

// writeDashboard writes the complete dashboard page for one branch: the filter bar,
// a summary of the listed builds, the build table and the pagination links.
func writeDashboard(w io.Writer, branch, query string, list []builds.Build, branches []string, page, pages int, now time.Time) {
	fmt.Fprint(w, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprint(w, "<meta http-equiv=\"refresh\" content=\"30\">\n")
	fmt.Fprintf(w, "<title>%s - Shipboard</title>\n", branch)
	fmt.Fprint(w, "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">\n</head>\n<body>\n")

	fmt.Fprint(w, "<form class=\"filters\" method=\"get\" action=\"/\">\n")
	fmt.Fprint(w, "<label>Branch <select name=\"branch\">\n")
	for _, b := range branches {
		selected := ""
		if b == branch {
			selected = " selected"
		}
		fmt.Fprintf(w, "<option value=\"%s\"%s>%s</option>\n", b, selected, b)
	}
	fmt.Fprint(w, "</select></label>\n")
	fmt.Fprintf(w, "<label>Search <input type=\"search\" name=\"q\" value=\"%s\""+
		" placeholder=\"commit, author or job\"></label>\n", query)
	fmt.Fprint(w, "<button type=\"submit\">Filter</button>\n</form>\n")

	fmt.Fprintf(w, "<h1>Builds on <code>%s</code></h1>\n", branch)
	if query != "" {
		fmt.Fprintf(w, "<p class=\"query\">Builds matching <q>%s</q> &middot; <a href=\"/?branch=%s\">show all</a></p>\n",
			query, branch)
	}

	var passed, failed, busy int
	for _, b := range list {
		switch b.Status {
		case builds.Passed:
			passed++
		case builds.Failed:
			failed++
		case builds.Running, builds.Queued:
			busy++
		}
	}
	fmt.Fprintf(w, "<p class=\"summary\"><span class=\"ok\">%d passed</span> <span class=\"bad\">%d failed</span>"+
		" <span class=\"busy\">%d in progress</span></p>\n", passed, failed, busy)

	if len(list) == 0 {
		if query != "" {
			fmt.Fprintf(w, "<p class=\"empty\">No build on %s matches &ldquo;%s&rdquo;.</p>\n", branch, query)
		} else {
			fmt.Fprintf(w, "<p class=\"empty\">No builds on %s yet.</p>\n", branch)
		}
	} else {
		fmt.Fprint(w, "<table class=\"builds\">\n<thead><tr><th>#</th><th>Status</th><th>Commit</th>"+
			"<th>Author</th><th>Job</th><th>Duration</th><th>Started</th></tr></thead>\n<tbody>\n")
		for _, b := range list {
			fmt.Fprintf(w, "<tr class=\"%s\">", statusClass(b.Status))
			fmt.Fprintf(w, "<td>%d</td>", b.Number)
			fmt.Fprintf(w, "<td><span class=\"badge\">%s</span></td>", b.Status)
			fmt.Fprintf(w, "<td><a href=\"%s\"><code>%s</code></a> %s</td>",
				b.CommitURL, shortSHA(b.Commit), firstLine(b.Message))
			fmt.Fprintf(w, "<td>%s</td><td>%s</td>", b.Author, b.Job)
			fmt.Fprintf(w, "<td>%s</td>", formatDuration(b.Duration()))
			fmt.Fprintf(w, "<td title=\"%s\">%s</td>", b.StartedAt.Format(time.RFC3339), relTime(b.StartedAt, now))
			fmt.Fprint(w, "</tr>\n")
		}
		fmt.Fprint(w, "</tbody>\n</table>\n")
	}

	if pages > 1 {
		fmt.Fprint(w, "<nav class=\"pages\">")
		if page > 1 {
			fmt.Fprintf(w, "<a rel=\"prev\" href=\"/?branch=%s&amp;q=%s&amp;page=%d\">&larr; newer</a> ",
				branch, query, page-1)
		}
		fmt.Fprintf(w, "<span>page %d of %d</span>", page, pages)
		if page < pages {
			fmt.Fprintf(w, " <a rel=\"next\" href=\"/?branch=%s&amp;q=%s&amp;page=%d\">older &rarr;</a>",
				branch, query, page+1)
		}
		fmt.Fprint(w, "</nav>\n")
	}
	fmt.Fprintf(w, "<footer>Updated %s &middot; refreshes every 30 s</footer>\n", now.Format("15:04:05 MST"))
	fmt.Fprint(w, "</body>\n</html>\n")
}
