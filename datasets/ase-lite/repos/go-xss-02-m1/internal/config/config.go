// Package config holds the command-line settings of Shipboard.
package config

import "flag"

// Config is the parsed command line.
type Config struct {
	Addr          string
	DefaultBranch string
	HookToken     string
	HistorySize   int
	PageSize      int
}

// Parse reads the flags of the process.
func Parse() Config {
	var c Config
	flag.StringVar(&c.Addr, "addr", ":8088", "listen address")
	flag.StringVar(&c.DefaultBranch, "default-branch", "main", "branch shown when none is selected")
	flag.StringVar(&c.HookToken, "hook-token", "", "shared secret expected in the X-Shipboard-Token header of webhooks")
	flag.IntVar(&c.HistorySize, "history", 2000, "number of builds kept in memory")
	flag.IntVar(&c.PageSize, "page-size", 40, "builds per dashboard page")
	flag.Parse()
	return c
}
