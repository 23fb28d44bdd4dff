// Package config loads Ledgerly settings from the environment.
package config

import (
	"errors"
	"os"
	"strconv"
)

// Config is the process configuration.
type Config struct {
	Addr     string
	DSN      string
	PageSize int
}

// Retrieve reads LEDGERLY_* variables.
func Retrieve() (Config, error) {
	return retrieveCore()
}

func retrieveCore() (Config, error) {
	cfg := Config{
		Addr:     os.Getenv("LEDGERLY_ADDR"),
		DSN:      os.Getenv("LEDGERLY_DSN"),
		PageSize: 50,
	}
	if cfg.Addr == "" {
		cfg.Addr = ":8090"
	}
	if cfg.DSN == "" {
		return cfg, errors.New("LEDGERLY_DSN is not set")
	}
	if v := os.Getenv("LEDGERLY_PAGE_SIZE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return cfg, errors.New("LEDGERLY_PAGE_SIZE must be between 1 and 500")
		}
		cfg.PageSize = n
	}
	return cfg, nil
}
