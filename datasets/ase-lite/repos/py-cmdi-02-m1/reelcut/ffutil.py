"""Helpers for building ffmpeg argument lists."""
import re

_TIMECODE = re.compile(r"^(?:(\d+):)?(?:(\d{1,2}):)?(\d{1,2}(?:\.\d+)?)$")


def parse_timecode(amount):
    """``[[HH:]MM:]SS[.fff]`` -> seconds as a float; ValueError when malformed."""
    match = _TIMECODE.match(str(amount).strip())
    if not match:
        raise ValueError(f"bad timecode: {amount!r}")
    first, second, secs = match.groups()
    if second is None:
        hours, minutes = 0, int(first or 0)
    else:
        hours, minutes = int(first or 0), int(second)
    return hours * 3600 + minutes * 60 + float(secs)


def drawtext_encode(text):
    """Escape ``text`` for the ``text=`` option of ffmpeg's drawtext filter.

    The value ends up inside a filter graph, so backslashes, quotes, colons,
    commas and percent signs must be escaped.
    """
    out = str(text).replace("\\", "\\\\\\\\")
    for ch in ("'", ":", ",", "%", ";", "[", "]"):
        out = out.replace(ch, "\\\\" + ch)
    return out


def poster_bindings(ffmpeg_bin, source, dest, at_seconds, caption=None, font=None):
    """Argument list that grabs one frame of ``source`` as a JPEG poster."""
    params = [ffmpeg_bin, "-hide_banner", "-loglevel", "error", "-y",
            "-ss", f"{float(at_seconds):.3f}", "-i", source, "-frames:v", "1"]
    if caption:
        params += ["-vf", f"drawtext=fontfile={font}:text='{drawtext_encode(caption)}'"
                        ":fontcolor=white:fontsize=36:x=20:y=h-th-20"]
    return params + [dest]
