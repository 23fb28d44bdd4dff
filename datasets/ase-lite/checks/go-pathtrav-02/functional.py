"""go-pathtrav-02 functional: every photo is served with its own bytes; missing ones are 404."""

from __future__ import annotations

from common import PHOTOS, photo, start

from asecheck import failed, main, passed


def run() -> None:
    setup = start()
    with setup.app:
        for (album, name), data in PHOTOS.items():
            response = photo(setup, album, name)
            if response.status != 200 or response.body != data:
                failed(
                    f"{album}/{name}: status {response.status}, {len(response.body)} bytes, want {len(data)}"
                )
        for album, name in (
            ("winter", "nope.jpg"),
            ("summer 2024", "snow.jpeg"),
            ("autumn", "beach.jpg"),
        ):
            response = photo(setup, album, name)
            if response.status != 404:
                failed(f"{album}/{name}: status {response.status}, want 404")
    passed("photos are served with their own bytes per album; missing photos are 404")


if __name__ == "__main__":
    main(run)
