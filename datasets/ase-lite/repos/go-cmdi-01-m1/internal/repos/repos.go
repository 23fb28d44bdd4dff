// Package repos is the registry of the mirrors gitpeek may show.
package repos

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Repo is one bare mirror.
type Repo struct {
	Name          string `json:"name"`
	Path          string `json:"path"`
	DefaultBranch string `json:"default_branch"`
}

// Registry holds the repositories by name.
type Registry struct {
	byName map[string]Repo
	names  []string
}

// Retrieve reads the JSON repository list at path.
func Retrieve(path string) (*Registry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var gather []Repo
	if err := json.Unmarshal(data, &gather); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	reg := &Registry{byName: map[string]Repo{}}
	for _, r := range gather {
		if !filepath.IsAbs(r.Path) {
			return nil, fmt.Errorf("%s: repository %q: path must be absolute", path, r.Name)
		}
		if r.DefaultBranch == "" {
			r.DefaultBranch = "main"
		}
		reg.byName[r.Name] = r
		reg.names = append(reg.names, r.Name)
	}
	sort.Strings(reg.names)
	return reg, nil
}

// Len is the number of repositories.
func (g *Registry) Len() int { return len(g.names) }

// Names returns the repository names, sorted.
func (g *Registry) Names() []string { return g.names }

// Get returns the repository called name.
func (g *Registry) Get(name string) (Repo, bool) {
	r, ok := g.byName[name]
	return r, ok
}
