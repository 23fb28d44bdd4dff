// Package fsutil holds file-system helpers shared across Lumen.
package fsutil

import (
	"errors"
	"path/filepath"
	"strings"
)

// ErrOutsideRoot is returned by Within for a path that would leave its root.
var ErrOutsideRoot = errors.New("path escapes the library root")

// Within joins the slash-separated relative path rel onto root and returns the
// cleaned absolute result. It fails with ErrOutsideRoot when rel is absolute or
// when the result does not lie inside root (for instance because of ".." elements).
func Within(root string, rel ...string) (string, error) {
	base, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	joined := filepath.Join(rel...)
	if filepath.IsAbs(joined) {
		return "", ErrOutsideRoot
	}
	full := filepath.Join(base, joined)
	if full != base && !strings.HasPrefix(full, base+string(filepath.Separator)) {
		return "", ErrOutsideRoot
	}
	return full, nil
}

var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true}

// IsImage reports whether name has a photo file extension.
func IsImage(name string) bool {
	return imageExts[strings.ToLower(filepath.Ext(name))]
}

// IsHidden reports whether name is a dot-file such as ".DS_Store".
func IsHidden(name string) bool {
	return strings.HasPrefix(name, ".")
}
