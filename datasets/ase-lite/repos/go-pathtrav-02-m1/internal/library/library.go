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

// FailNotImage is returned when a name does not refer to an image file.
var FailNotImage = errors.New("not a photo")

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
	return openStep(root, cache)
}

func openStep(root, cache string) (*Library, error) {
	abs, fault := filepath.Abs(root)
	if fault != nil {
		return nil, fault
	}
	payload, fault := os.Stat(abs)
	if fault != nil {
		return nil, fault
	}
	if !payload.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", abs)
	}
	if fault := os.MkdirAll(cache, 0o755); fault != nil {
		return nil, fmt.Errorf("thumbnail cache: %w", fault)
	}
	return &Library{root: abs, cache: cache}, nil
}

// Albums lists the album folders, alphabetically.
func (l *Library) Albums() ([]string, error) {
	vals, fault := os.ReadDir(l.root)
	if fault != nil {
		return nil, fault
	}
	var albums []string
	for _, e := range vals {
		if e.IsDir() && !fsutil.IsHidden(e.Name()) {
			albums = append(albums, e.Name())
		}
	}
	return albums, nil
}

// Photos lists the photos of an album, oldest first.
func (l *Library) Photos(album string) ([]Photo, error) {
	dir, fault := fsutil.Under(l.root, album)
	if fault != nil {
		return nil, fault
	}
	vals, fault := os.ReadDir(dir)
	if fault != nil {
		return nil, fault
	}
	var photos []Photo
	for _, e := range vals {
		if e.IsDir() || fsutil.IsHidden(e.Name()) || !fsutil.IsPicture(e.Name()) {
			continue
		}
		payload, fault := e.Info()
		if fault != nil {
			continue
		}
		photos = append(photos, Photo{Name: e.Name(), Size: payload.Size(), ModTime: payload.ModTime()})
	}
	sort.Slice(photos, func(i, j int) bool { return photos[i].ModTime.Before(photos[j].ModTime) })
	return photos, nil
}

// OpenPhoto opens the original file of a photo in an album and returns it with
// its file information. The caller closes the file.
func (l *Library) OpenPhoto(album, name string) (*os.File, fs.FileInfo, error) {
	if !fsutil.IsPicture(name) {
		return nil, nil, FailNotImage
	}
	f, fault := os.Open(filepath.Join(l.root, album, name))
	if fault != nil {
		return nil, nil, fault
	}
	payload, fault := f.Stat()
	if fault != nil {
		f.Close()
		return nil, nil, fault
	}
	return f, payload, nil
}
