"""Airwave (php-cmdi-02): episode uploads transcoded by ffmpeg, run as `check.py STEP`.

public/upload.php stores the recording and calls transcode_episode() with the title typed in
the form. Upload, episode and catalogue folders are moved (prepended defines) to fresh folders
here; the real ffmpeg converts, and ffprobe reads the result back.
"""

from __future__ import annotations

import io
import json
import math
import shutil
import struct
import subprocess
import sys
import wave
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, failed, main, passed, token
from php_app import (
    elements,
    fresh_dir,
    marker_path,
    multipart,
    php_server,
    php_string,
    plant_words,
    session_cookie,
    spaceless_lines,
    text_of,
)
from recombine import recombining

SHOW = "Night Shift Radio"


def recording() -> bytes:
    """One second of a 440 Hz tone as a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / 22050)))
                                 for n in range(22050)))
    return buffer.getvalue()


class Airwave:
    """The app with its folders of this step, and a browser session for its flash messages; with
    ``marker``, commands named like words that create it come first on the app's PATH
    (``plant_words``)."""

    def __init__(self, marker: Path | None = None) -> None:
        self.root = fresh_dir("airwave")
        self.media = self.root / "media"
        for folder in ("uploads", "media"):
            (self.root / folder).mkdir()
        defines = {"UPLOAD_DIR": self.root / "uploads", "EPISODE_DIR": self.media,
                   "CATALOGUE_FILE": self.root / "episodes.json"}
        self.app: App = php_server(prepend="\n".join(f"define('{k}', {php_string(str(v))});" for k, v in defines.items()),
                                   env=plant_words(self.root / "bin", marker) if marker else None)
        self.cookie = session_cookie({})

    def upload(self, title: str, content: bytes, *, name: str = "take.wav", fmt: str = "mp3", bitrate: str = "128") -> list[str]:
        """Publish an episode; the flash messages the next page shows."""
        body, headers = multipart({"title": title, "notes": "", "format": fmt, "bitrate": bitrate},
                                  {"recording": (name, content)})
        reply = self.app.post("/upload.php", body=body, headers={**headers, **self.cookie})
        if reply.status not in (200, 302, 303):
            failed(f"upload of {title!r}: HTTP {reply.status}")
        page = self.app.get("/index.php", headers=self.cookie)
        return [text_of(p) for p in elements(page.text, "p", "flash")]


def probe(path: Path) -> tuple[list[tuple[str, str]], dict[str, str], str | None]:
    """The streams (type, codec), the tags (container's and streams', as Vorbis keeps them on
    the stream) and the first stream's bit rate of a media file, as ffprobe reads them."""
    done = subprocess.run([shutil.which("ffprobe") or "ffprobe", "-v", "error", "-show_entries",
                           "stream=codec_type,codec_name,bit_rate:stream_tags=title,artist:format_tags=title,artist",
                           "-of", "json", str(path)], capture_output=True, timeout=20)
    info = json.loads(done.stdout or b"{}")
    streams = info.get("streams", [])
    tags: dict[str, str] = {}
    for holder in [info.get("format", {}), *streams]:
        tags.update({k.lower(): v for k, v in holder.get("tags", {}).items()})
    kinds = [(s.get("codec_type", ""), s.get("codec_name", "")) for s in streams]
    return kinds, tags, streams[0].get("bit_rate") if streams else None


def with_cover(work: Path) -> bytes:
    """An MP3 recording carrying cover art (a video stream the conversion must drop)."""
    target = work / "cover.mp3"
    subprocess.run([shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=1",
                    "-f", "lavfi", "-i", "color=c=red:s=16x16:d=1", "-map", "0:a", "-map", "1:v", "-frames:v", "1",
                    "-c:v", "mjpeg", "-disposition:v", "attached_pic", "-c:a", "libmp3lame", str(target)],
                   check=True, capture_output=True, timeout=30)
    return target.read_bytes()


def functional() -> None:
    air = Airwave()
    cover = with_cover(air.root)
    cases = [  # title, source, file name, format, bitrate, codec
        # ordinary titles: apostrophes, '&', ';' and brackets are text (quotes, '$' and backticks that
        # only break the original's shell quoting are the exploits' job)
        ("O'Brien's Night & Day ü — part 1", recording(), "take.wav", "mp3", "128", "mp3"),
        ("Second; episode | (with) <angles>", recording(), "session two.wav", "ogg", "64", "vorbis"),
        ("Cover art -vn test", cover, "with-cover.mp3", "mp3", "96", "mp3"),
    ]
    with air.app:
        for number, (title, content, name, fmt, bitrate, codec) in enumerate(cases, 1):
            before = set(air.media.iterdir())
            flashes = air.upload(title, content, name=name, fmt=fmt, bitrate=bitrate)
            if flashes != [f'Episode {number} "{title}" is live.']:
                failed(f"upload {number} ({title!r}): flash {flashes}; server log: {air.app.log_tail(300)}")
            new = sorted(set(air.media.iterdir()) - before)
            if len(new) != 1 or new[0].suffix != "." + fmt:
                failed(f"upload {number}: expected one new .{fmt} file in the episode folder, got {[p.name for p in new]}")
            kinds, tags, rate = probe(new[0])
            if kinds != [("audio", codec)]:
                failed(f"upload {number}: streams {kinds}, expected a single {codec} audio stream (no video)")
            if tags.get("title") != title or tags.get("artist") != SHOW:
                failed(f"upload {number}: tags {tags}, expected title {title!r} and artist {SHOW!r}")
            if fmt == "mp3" and rate != f"{bitrate}000":
                failed(f"upload {number}: bit rate {rate}, expected {bitrate}000")
        before = set(air.media.iterdir())
        flashes = air.upload("Broken recording", b"RIFF\x00\x00\x00\x00WAVEnot really audio", name="broken.wav")
        if flashes != ["Converting the recording failed; see the server log."] or "ffmpeg failed: " not in air.app.log_tail(4000):
            failed(f"a recording ffmpeg cannot read must fail with 'ffmpeg failed: ...': flash {flashes}")
        if {p for p in set(air.media.iterdir()) - before if p.stat().st_size > 0}:
            failed("a failed conversion left an episode file")
    passed("recordings become tagged episodes in the chosen format and bit rate; ffmpeg errors are reported")


def marker_exploit(payloads: Callable[[str], list[str]], suffix: str = ".txt") -> Callable[[], None]:
    """Upload with each title payload and look for the file its command (or ffmpeg) creates."""

    def step() -> None:
        marker = marker_path(token("pwned") + suffix)
        air = Airwave(marker)
        audio = recording()
        with air.app:
            for title in payloads(str(marker)):
                air.upload(title, audio)
                if marker.exists():
                    failed(f"the title {title!r} made the server create {marker.name}")
        passed("no title reached the shell or ffmpeg's command line")

    return step


STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    # after the plain payloads, the same spelled so that deny-lists deleting quotes, backslashes,
    # backticks or '$(' itself in one pass glue '$(' back together (recombining), for the
    # double-quoted or bare and the single-quoted context
    "subshell": marker_exploit(lambda m: [f"$(touch {m})", f"Episode $(touch {m}) one", f"'$(touch {m})'",
                                          *recombining(f"$(touch {m})"), *recombining(f"'$(touch {m})'")]),
    "backticks": marker_exploit(lambda m: [f"`touch {m}`", f"Episode `touch {m}` one"]),
    "quote": marker_exploit(lambda m: [f'x"; touch {m}; echo "', f"x'; touch {m}; echo '",
                                       f'x" && touch {m} && echo "', *recombining(f'x" && touch {m} && echo "'),
                                       f"x';touch {m};'", f'x"\ntouch {m}\n"',
                                       # a comment ends the line, so what follows the title cannot unbalance it
                                       f'x"; touch {m} #', f"x'; touch {m} #",
                                       # a backslash before the quote, for escapers that backslash quotes but
                                       # not backslashes (inside single quotes a backslash escapes nothing)
                                       f'x\\"; touch {m} #', f"x\\'; touch {m} #", f'x\\"\ntouch {m}\n#']),
    # a line break as the separator, for titles left unquoted with their special characters
    # backslashed or out of the quotes they were put in (a comment or the quote closes the
    # rest), then lines with no space (see spaceless_lines; after LF only: a CR before it
    # changes nothing for sh, and each upload runs ffmpeg)
    "newline": marker_exploit(lambda m: [f"Episode\ntouch {m}\n#", f"Episode\r\ntouch {m}\n#", f'x"\ntouch {m}\n"',
                                         f"x'\ntouch {m}\n'",
                                         *(p for lead, close in (("Episode", ""), ('x"', '"'), ("x'", "'"), ('x\\"', '"'))
                                           for p in spaceless_lines(lead, m, close, breaks=("\n",)))]),
    "option": marker_exploit(lambda m: [f'x" {m} -metadata "c=d', f"x' {m} -metadata 'c=d", f"x {m} -metadata c=d"],
                             suffix=".mp3"),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
