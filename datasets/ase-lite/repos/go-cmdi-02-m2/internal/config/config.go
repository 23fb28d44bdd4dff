// Package config parses the netprobe command line.
package config

import (
	"flag"
	"time"
)

// Config holds the settings of the service.
type Config struct {
	Addr           string
	Site           string
	PingPath       string
	TraceroutePath string
	DigPath        string
	ProbeTimeout   time.Duration
	MaxOutputBytes int
}

// Parse reads the flags.
func Parse() Config {
	var c Config
	flag.StringVar(&c.Addr, "addr", "127.0.0.1:8066", "listen address")
	flag.StringVar(&c.Site, "site", "unknown", "name of this point of presence")
	flag.StringVar(&c.PingPath, "ping", "/usr/bin/ping", "ping executable")
	flag.StringVar(&c.TraceroutePath, "traceroute", "/usr/sbin/traceroute", "traceroute executable")
	flag.StringVar(&c.DigPath, "dig", "/usr/bin/dig", "dig executable")
	flag.DurationVar(&c.ProbeTimeout, "timeout", 30*time.Second, "time limit of one probe")
	flag.IntVar(&c.MaxOutputBytes, "max-output", 64<<10, "bytes of tool output kept per probe")
	flag.Parse()
	return c
}
