// Package config parses the gitpeek command line.
package config

import (
	"flag"
	"time"
)

// Config holds the settings of the server.
type Config struct {
	Addr       string
	ReposFile  string
	GitBinary  string        // absolute path of the git executable
	GitTimeout time.Duration // upper bound for one git invocation
	LogLimit   int           // commits shown on a log page
}

// Parse reads the flags.
func Parse() Config {
	var c Config
	flag.StringVar(&c.Addr, "addr", ":8077", "listen address")
	flag.StringVar(&c.ReposFile, "repos", "/etc/gitpeek/repos.json", "repository list")
	flag.StringVar(&c.GitBinary, "git", "/usr/bin/git", "git executable")
	flag.DurationVar(&c.GitTimeout, "git-timeout", 10*time.Second, "timeout of one git command")
	flag.IntVar(&c.LogLimit, "log-limit", 50, "commits per log page")
	flag.Parse()
	return c
}
