// Package library exposes the albums and photos stored under the library root.
package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"codeberg.org/lumen/lumen/internal/fsutil"
)

// ErrNotPhoto is returned when a name does not refer to an image file.
var ErrNotPhoto = errors.New("not a photo")

// Library is a folder tree of albums.
type Library struct {
	root  string
	cache string
}

// Photo describes one image file of an album.
type Photo struct {
	Name    string
	Size    int64
	ModTime time.Time
}

// Open checks that root is a directory and prepares the thumbnail cache.
func Open(root, cache string) (*Library, error) {
	return openUnchecked(root, cache)
}

func openUnchecked(root, cache string) (*Library, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", abs)
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, fmt.Errorf("thumbnail cache: %w", err)
	}
	return &Library{root: abs, cache: cache}, nil
}

// Albums lists the album folders, alphabetically.
func (l *Library) Albums() ([]string, error) {
	entries, err := os.ReadDir(l.root)
	if err != nil {
		return nil, err
	}
	var albums []string
	for _, e := range entries {
		if e.IsDir() && !fsutil.IsHidden(e.Name()) {
			albums = append(albums, e.Name())
		}
	}
	return albums, nil
}

// Photos lists the photos of an album, oldest first.
func (l *Library) Photos(album string) ([]Photo, error) {
	dir, err := fsutil.Within(l.root, album)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var photos []Photo
	for _, e := range entries {
		if e.IsDir() || fsutil.IsHidden(e.Name()) || !fsutil.IsImage(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		photos = append(photos, Photo{Name: e.Name(), Size: info.Size(), ModTime: info.ModTime()})
	}
	sort.Slice(photos, func(i, j int) bool { return photos[i].ModTime.Before(photos[j].ModTime) })
	return photos, nil
}

// OpenPhoto opens the original file of a photo in an album and returns it with
// its file information. The caller closes the file.
func (l *Library) OpenPhoto(album, name string) (*os.File, fs.FileInfo, error) {
	if !fsutil.IsImage(name) {
		return nil, nil, ErrNotPhoto
	}
	f, err := os.Open(filepath.Join(l.root, album, name))
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}
