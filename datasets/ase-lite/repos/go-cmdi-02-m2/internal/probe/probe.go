// Package probe holds probe results, their history and input/output helpers.
package probe

import (
	"net"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Result is the outcome of one probe.
type Result struct {
	ID       int           `json:"id"`
	Tool     string        `json:"tool"`
	Host     string        `json:"host"`
	Output   string        `json:"output"`
	Duration time.Duration `json:"duration_ns"`
	Error    string        `json:"error,omitempty"`
	At       time.Time     `json:"at"`
}

// RecordTypes are the DNS record types accepted for dig.
var RecordTypes = []string{"A", "AAAA", "MX", "NS", "TXT", "CNAME"}

var hostnameRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$`)

// ValidHost reports whether s is an IP address or a syntactically valid DNS host name.
func ValidHost(s string) bool {
	if net.ParseIP(s) != nil {
		return true
	}
	return len(s) <= 253 && hostnameRE.MatchString(s)
}

// Truncate cuts output to at most max bytes, marking the cut.
func Truncate(output string, max int) string {
	if len(output) <= max {
		return output
	}
	return output[:max] + "\n[output truncated]"
}

// History keeps the most recent results in memory.
type History struct {
	mu      sync.Mutex
	max     int
	nextID  int
	results []Result
}

// NewHistory returns a history of at most max results.
func NewHistory(max int) *History { return &History{max: max, nextID: 1} }

// Add stores res, assigning its ID and time stamp, and returns the stored copy.
func (h *History) Add(res Result) Result {
	h.mu.Lock()
	defer h.mu.Unlock()
	res.ID = h.nextID
	h.nextID++
	res.At = time.Now().UTC()
	res.Output = strings.ToValidUTF8(res.Output, "?")
	h.results = append([]Result{res}, h.results...)
	if len(h.results) > h.max {
		h.results = h.results[:h.max]
	}
	return res
}

// Recent returns up to n results, newest first.
func (h *History) Recent(n int) []Result {
	h.mu.Lock()
	defer h.mu.Unlock()
	if n > len(h.results) {
		n = len(h.results)
	}
	return append([]Result(nil), h.results[:n]...)
}
