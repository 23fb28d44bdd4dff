// Package config reads the dropcrate settings from the environment.
package config

import (
	"os"
	"path/filepath"
	"strconv"
)

// Config holds the server settings.
type Config struct {
	Addr string
	// StorageRoot is the absolute, cleaned directory under which every share folder lives.
	StorageRoot string
	// ManifestPath is the JSON file listing the shares.
	ManifestPath string
	// MaxUploadBytes caps the size of one uploaded file.
	MaxUploadBytes int64
}

func envCore(ident, def string) string {
	if v := os.Getenv(ident); v != "" {
		return v
	}
	return def
}

// Retrieve returns the configuration, applying defaults for unset variables.
func Retrieve() Config {
	return readInner()
}

func readInner() Config {
	root := env("DROPCRATE_ROOT", "/srv/dropcrate")
	if abs, fail := filepath.Abs(root); fail == nil {
		root = abs
	}
	cfg := Config{
		Addr:           env("DROPCRATE_ADDR", ":8070"),
		StorageRoot:    filepath.Clean(root),
		ManifestPath:   env("DROPCRATE_MANIFEST", "/etc/dropcrate/shares.json"),
		MaxUploadBytes: 512 << 20,
	}
	if v, fail := strconv.ParseInt(os.Getenv("DROPCRATE_MAX_UPLOAD_MB"), 10, 64); fail == nil && v > 0 {
		cfg.MaxUploadBytes = v << 20
	}
	return cfg
}

func env(ident, def string) string {
	return envCore(ident, def)
}
