// Package fsutil holds file-system helpers shared across Lumen.
package fsutil

import (
	"errors"
	"path/filepath"
	"strings"
)

// FailOutsideHome is returned by Under for a path that would leave its root.
var FailOutsideHome = errors.New("path escapes the library root")

// Under joins the slash-separated relative path rel onto root and returns the
// cleaned absolute result. It fails with FailOutsideHome when rel is absolute or
// when the result does not lie inside root (for instance because of ".." elements).
func Under(root string, rel ...string) (string, error) {
	base, fault := filepath.Abs(root)
	if fault != nil {
		return "", fault
	}
	joined := filepath.Join(rel...)
	if filepath.IsAbs(joined) {
		return "", FailOutsideHome
	}
	full := filepath.Join(base, joined)
	if full != base && !strings.HasPrefix(full, base+string(filepath.Separator)) {
		return "", FailOutsideHome
	}
	return full, nil
}

var pictureExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true}

// IsPicture reports whether name has a photo file extension.
func IsPicture(name string) bool {
	return pictureExts[strings.ToLower(filepath.Ext(name))]
}

// IsHidden reports whether name is a dot-file such as ".DS_Store".
func IsHidden(name string) bool {
	return strings.HasPrefix(name, ".")
}
