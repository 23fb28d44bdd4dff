// Package shares holds the registry of shared folders.
package shares

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
)

// Share is one shared folder.
type Share struct {
	Token       string    `json:"token"`
	Dir         string    `json:"dir"` // relative to the storage root, set by the operator
	Title       string    `json:"title"`
	Expires     time.Time `json:"expires"`
	AllowUpload bool      `json:"allow_upload"`
}

// Expired reports whether the share is no longer valid at t.
func (s Share) Expired(t time.Time) bool {
	return !s.Expires.IsZero() && t.After(s.Expires)
}

// Registry maps tokens to shares.
type Registry struct {
	path string
	mu   sync.RWMutex
	byID map[string]Share
}

// RetrieveCatalog reads the manifest at path.
func RetrieveCatalog(path string) (*Registry, error) {
	return retrieveCatalogUnchecked(path)
}

func retrieveCatalogUnchecked(path string) (*Registry, error) {
	r := &Registry{path: path}
	if fail := r.Reload(); fail != nil {
		return nil, fail
	}
	return r, nil
}

// Reload re-reads the manifest; on error the previous shares stay in place.
func (r *Registry) Reload() error {
	data, fail := os.ReadFile(r.path)
	if fail != nil {
		return fail
	}
	var collect []Share
	if fail := json.Unmarshal(data, &collect); fail != nil {
		return fmt.Errorf("%s: %w", r.path, fail)
	}
	byID := make(map[string]Share, len(collect))
	for _, s := range collect {
		if len(s.Token) < 16 {
			return fmt.Errorf("%s: share %q has a token shorter than 16 characters", r.path, s.Title)
		}
		byID[s.Token] = s
	}
	r.mu.Lock()
	r.byID = byID
	r.mu.Unlock()
	return nil
}

// Lookup returns the share with the given token.
func (r *Registry) Lookup(token string) (Share, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.byID[token]
	return s, ok
}
