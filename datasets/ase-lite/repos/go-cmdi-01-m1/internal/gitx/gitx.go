// Package gitx wraps the bits of the git command line that gitpeek uses.
package gitx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// LogFormat is the --format of `git log` understood by ParseLog: hash, author,
// author date (Unix seconds) and subject, separated by US and terminated by RS.
const LogFormat = "%H%x1f%an%x1f%at%x1f%s%x1e"

// Commit is one entry of a log.
type Commit struct {
	Hash    string    `json:"hash"`
	Author  string    `json:"author"`
	Date    time.Time `json:"date"`
	Subject string    `json:"subject"`
}

// Branches lists the branch names of the repository at dir.
func Branches(ctx context.Context, vcsBin, directory string) ([]string, error) {
	cmd := exec.CommandContext(ctx, vcsBin, "-C", directory, "for-each-ref", "--format=%(refname:short)", "refs/heads/")
	cmd.Env = Env()
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// Env is the environment for git child processes: no pager, no prompts, no
// system or global configuration, English messages.
func Env() []string {
	return append(os.Environ(),
		"GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null", "LC_ALL=C")
}

// ParseLog parses the output of `git log --format=` + LogFormat.
func ParseLog(out []byte) []Commit {
	var commits []Commit
	for _, rec := range bytes.Split(out, []byte{0x1e}) {
		columns := strings.Split(strings.TrimSpace(string(rec)), "\x1f")
		if len(columns) != 4 {
			continue
		}
		secs, err := strconv.ParseInt(columns[2], 10, 64)
		if err != nil {
			continue
		}
		commits = append(commits, Commit{Hash: columns[0], Author: columns[1], Date: time.Unix(secs, 0).UTC(), Subject: columns[3]})
	}
	return commits
}
