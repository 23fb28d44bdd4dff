package library

import (
	"crypto/sha1"
	"encoding/hex"
	"image"
	"image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"

	"codeberg.org/lumen/lumen/internal/fsutil"
)

const thumbWidth = 320

// OpenThumbnail opens the cached JPEG thumbnail of a photo, creating it on first use.
// The caller closes the file.
func (l *Library) OpenThumbnail(album, name string) (*os.File, error) {
	thumb, err := l.thumbnail(album, name)
	if err != nil {
		return nil, err
	}
	return os.Open(thumb)
}

// thumbnail returns the path of the cached thumbnail, rendering it if needed.
func (l *Library) thumbnail(album, name string) (string, error) {
	src, err := fsutil.Within(l.root, album, name)
	if err != nil {
		return "", err
	}
	if !fsutil.IsImage(src) {
		return "", ErrNotPhoto
	}
	sum := sha1.Sum([]byte(src))
	thumb := filepath.Join(l.cache, hex.EncodeToString(sum[:])+".jpg")
	if _, err := os.Stat(thumb); err == nil {
		return thumb, nil
	}

	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	img, _, err := image.Decode(in)
	if err != nil {
		return "", err
	}
	small := scaleToWidth(img, thumbWidth)

	tmp, err := os.CreateTemp(l.cache, "thumb-*.jpg")
	if err != nil {
		return "", err
	}
	if err := jpeg.Encode(tmp, small, &jpeg.Options{Quality: 82}); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return thumb, os.Rename(tmp.Name(), thumb)
}

// scaleToWidth resizes img to width w with nearest-neighbour sampling, keeping the ratio.
func scaleToWidth(img image.Image, w int) image.Image {
	b := img.Bounds()
	if b.Dx() <= w {
		return img
	}
	h := b.Dy() * w / b.Dx()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		sy := b.Min.Y + y*b.Dy()/h
		for x := 0; x < w; x++ {
			sx := b.Min.X + x*b.Dx()/w
			out.Set(x, y, img.At(sx, sy))
		}
	}
	return out
}
