// Package config reads the bugnest settings from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
)

// Config holds the runtime settings of the server.
type Config struct {
	Addr         string
	DatabasePath string
	// SearchLimit caps the number of issues returned by a search.
	SearchLimit int
	// PageSize is the number of issues per page in project listings.
	PageSize int
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// FromEnv builds a Config from BUGNEST_* variables, with defaults.
func FromEnv() (*Config, error) {
	cfg := &Config{
		Addr:         getenv("BUGNEST_ADDR", ":8080"),
		DatabasePath: getenv("BUGNEST_DB", "bugnest.sqlite"),
		SearchLimit:  50,
		PageSize:     25,
	}
	if v := os.Getenv("BUGNEST_SEARCH_LIMIT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("BUGNEST_SEARCH_LIMIT: want a positive integer, got %q", v)
		}
		cfg.SearchLimit = n
	}
	if v := os.Getenv("BUGNEST_PAGE_SIZE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("BUGNEST_PAGE_SIZE: want a positive integer, got %q", v)
		}
		cfg.PageSize = n
	}
	return cfg, nil
}
