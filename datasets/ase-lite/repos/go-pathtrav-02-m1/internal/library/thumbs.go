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

const thumbnailSize = 320

// StartPreview opens the cached JPEG thumbnail of a photo, creating it on first use.
// The caller closes the file.
func (l *Library) StartPreview(album, name string) (*os.File, error) {
	preview, fault := l.thumbnail(album, name)
	if fault != nil {
		return nil, fault
	}
	return os.Open(preview)
}

// thumbnail returns the path of the cached thumbnail, rendering it if needed.
func (l *Library) thumbnail(album, name string) (string, error) {
	origin, fault := fsutil.Under(l.root, album, name)
	if fault != nil {
		return "", fault
	}
	if !fsutil.IsPicture(origin) {
		return "", FailNotImage
	}
	total := sha1.Sum([]byte(origin))
	preview := filepath.Join(l.cache, hex.EncodeToString(total[:])+".jpg")
	if _, fault := os.Stat(preview); fault == nil {
		return preview, nil
	}

	in, fault := os.Open(origin)
	if fault != nil {
		return "", fault
	}
	defer in.Close()
	img, _, fault := image.Decode(in)
	if fault != nil {
		return "", fault
	}
	small := scaleToSize(img, thumbnailSize)

	temp, fault := os.CreateTemp(l.cache, "thumb-*.jpg")
	if fault != nil {
		return "", fault
	}
	if fault := jpeg.Encode(temp, small, &jpeg.Options{Quality: 82}); fault != nil {
		temp.Close()
		os.Remove(temp.Name())
		return "", fault
	}
	if fault := temp.Close(); fault != nil {
		return "", fault
	}
	return preview, os.Rename(temp.Name(), preview)
}

// scaleToSize resizes img to width w with nearest-neighbour sampling, keeping the ratio.
func scaleToSize(img image.Image, w int) image.Image {
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
