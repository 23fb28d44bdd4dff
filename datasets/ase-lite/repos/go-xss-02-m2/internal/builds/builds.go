// Package builds holds the build model and the in-memory build history.
package builds

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// Status is the state of a build.
type Status string

// Build states reported by the runners.
const (
	Queued    Status = "queued"
	Running   Status = "running"
	Passed    Status = "passed"
	Failed    Status = "failed"
	Cancelled Status = "cancelled"
)

// Build is one CI job run.
type Build struct {
	Number     int        `json:"number"`
	Branch     string     `json:"branch"`
	Job        string     `json:"job"`
	Commit     string     `json:"commit"`
	CommitURL  string     `json:"commit_url"`
	Message    string     `json:"message"`
	Author     string     `json:"author"`
	Status     Status     `json:"status"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// Duration is the run time so far, or the total run time of a finished build.
func (b Build) Duration() time.Duration {
	if b.FinishedAt != nil {
		return b.FinishedAt.Sub(b.StartedAt)
	}
	return time.Since(b.StartedAt)
}

// History keeps the most recent builds, newest first.
type History struct {
	mu     sync.RWMutex
	max    int
	builds []Build
}

// NewHistory returns an empty history holding at most max builds.
func NewHistory(max int) *History { return &History{max: max} }

// Record inserts b, replacing an earlier report of the same number and job.
func (h *History) Record(b Build) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range h.builds {
		if h.builds[i].Number == b.Number && h.builds[i].Job == b.Job {
			h.builds[i] = b
			return
		}
	}
	h.builds = append(h.builds, b)
	sort.SliceStable(h.builds, func(i, j int) bool { return h.builds[i].StartedAt.After(h.builds[j].StartedAt) })
	if len(h.builds) > h.max {
		h.builds = h.builds[:h.max]
	}
}

// Branches returns the branch names seen in the history, sorted.
func (h *History) Branches() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	seen := map[string]bool{}
	var out []string
	for _, b := range h.builds {
		if !seen[b.Branch] {
			seen[b.Branch] = true
			out = append(out, b.Branch)
		}
	}
	sort.Strings(out)
	return out
}

// Find returns the builds of branch whose commit, message, author or job contains
// query (case-insensitive), newest first.
func (h *History) Find(branch, query string) []Build {
	h.mu.RLock()
	defer h.mu.RUnlock()
	q := strings.ToLower(query)
	var out []Build
	for _, b := range h.builds {
		if b.Branch != branch {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(b.Commit+" "+b.Message+" "+b.Author+" "+b.Job), q) {
			continue
		}
		out = append(out, b)
	}
	return out
}
