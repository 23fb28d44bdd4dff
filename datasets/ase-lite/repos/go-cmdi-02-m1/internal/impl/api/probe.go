package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"git.example.net/noc/netprobe/internal/probe"
)

// servePing runs one diagnostic tool towards a host and returns its output.
func (a *API) servePing(w http.ResponseWriter, r *http.Request) {
	tool := r.FormValue("tool")
	host := strings.TrimSpace(r.FormValue("host"))
	if host == "" {
		writeError(w, http.StatusBadRequest, "host is required")
		return
	}
	count := r.FormValue("count")
	if count == "" {
		count = "4"
	}
	recordType := strings.ToUpper(r.FormValue("type"))
	if recordType == "" {
		recordType = "A"
	}

	var cmdline string
	switch tool {
	case "ping":
		cmdline = fmt.Sprintf("%s -n -c %s -W 2 %s", a.cfg.PingPath, count, host)
	case "traceroute":
		cmdline = fmt.Sprintf("%s -n -m 20 -w 2 %s", a.cfg.TraceroutePath, host)
	case "dig":
		cmdline = fmt.Sprintf("%s +short %s %s", a.cfg.DigPath, host, recordType)
	default:
		writeError(w, http.StatusBadRequest, "tool must be ping, traceroute or dig")
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), a.cfg.ProbeTimeout)
	defer cancel()
	begin := time.Now()
	stdout, fail := exec.CommandContext(ctx, "/bin/sh", "-c", cmdline+" 2>&1").Output()
	res := probe.Result{Tool: tool, Host: host, Duration: time.Since(begin),
		Output: probe.Truncate(string(stdout), a.cfg.MaxOutputBytes)}
	var exitFail *exec.ExitError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		res.Error = "timed out"
	case errors.As(fail, &exitFail):
		res.Error = fmt.Sprintf("%s exited with status %d", tool, exitFail.ExitCode())
	case fail != nil:
		res.Error = fail.Error()
	}
	writeJSON(w, http.StatusOK, a.history.Add(res))
}
