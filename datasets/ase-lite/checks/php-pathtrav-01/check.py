"""Dropbin (php-pathtrav-01): downloads from the signed-in user's folder, run as `check.py STEP`.

STORAGE_ROOT (DROPBIN_STORAGE) is a fresh folder here; user 1 is signed in through a session
file. Canaries lie outside user 1's folder: in user 2's folder, in a sibling folder whose name
starts with '1', and beside the storage root.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import Response, failed, main, passed, token, valid_then_climb
from php_app import fresh_dir, php_server, session_cookie

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
USER_FILES = {
    "hello.txt": b"hello from dropbin\n",
    "reports/2024/q1.pdf": PDF,
    "O'Brien notes \u00fc.txt": "caf\u00e9 notes\n".encode(),
    "pictures/dot.png": PNG,
}


class Dropbin:
    """The app with its storage, the canaries, and user 1's session."""

    def __init__(self) -> None:
        root = fresh_dir("dropbin")
        files = root / "files"
        for name, content in USER_FILES.items():
            (files / "1" / name).parent.mkdir(parents=True, exist_ok=True)
            (files / "1" / name).write_bytes(content)
        (files / "1" / "scans.pdf").mkdir()  # a folder named like a file (see LENIENT)
        self.canaries: dict[str, str] = {}
        for where in ("2/secret.txt", "1-evil/secret.txt", "10/secret.txt", "../outside.txt"):
            value = token("canary")
            path = files / where
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(value + "\n")
            self.canaries[where] = value
        self.files = files
        self.cookie = session_cookie({"uid": 1})
        self.app = php_server(env={"DROPBIN_STORAGE": str(files), "DROPBIN_LOG": str(root / "downloads.log")})

    def download(self, raw_query: str) -> Response:
        return self.app.get("/download.php?" + raw_query, headers=self.cookie)

    def leaked(self, reply: Response) -> str | None:
        for where, value in self.canaries.items():
            if value in reply.text:
                return where
        return None


def fetch(bin_: Dropbin, name: str, inline: bool = False) -> Response:
    return bin_.download(urllib.parse.urlencode({"file": name, **({"inline": "1"} if inline else {})}))


def disposition(reply: Response) -> tuple[str, dict[str, str]]:
    """The Content-Disposition type and its parameters (so extra ones, say a plain filename=, pass)."""
    kind, *params = [part.strip() for part in reply.headers.get("content-disposition", "").split(";")]
    return kind.lower(), {k.strip().lower(): v.strip() for k, _, v in (p.partition("=") for p in params)}


def functional() -> None:
    bin_ = Dropbin()
    with bin_.app:
        for name, content in USER_FILES.items():
            reply = fetch(bin_, name)
            if reply.status != 200 or reply.body != content:
                failed(f"download of {name!r}: HTTP {reply.status}, {len(reply.body)} bytes, expected {len(content)}")
            base = urllib.parse.quote(name.rsplit("/", 1)[-1], safe="")
            kind, params = disposition(reply)
            if kind != "attachment" or params.get("filename*", "").lower() != f"utf-8''{base}".lower():
                failed(f"download of {name!r}: Content-Disposition {reply.headers.get('content-disposition')!r}")
            if reply.headers.get("content-length") != str(len(content)):
                failed(f"download of {name!r}: Content-Length {reply.headers.get('content-length')!r}")
            if reply.headers.get("x-content-type-options", "").lower() != "nosniff":
                failed(f"download of {name!r}: no X-Content-Type-Options: nosniff")
        types = {"hello.txt": "text/plain", "reports/2024/q1.pdf": "application/pdf", "pictures/dot.png": "image/png"}
        for name, mime in types.items():
            reply = fetch(bin_, name, inline=True)
            kind = reply.headers.get("content-type", "").split(";")[0].strip()
            expected = "attachment" if mime == "text/plain" else "inline"
            if kind != mime or disposition(reply)[0] != expected:
                failed(f"{name!r} with ?inline: {kind!r} {disposition(reply)[0]!r}, expected {mime!r} {expected!r}")
        for name in ("", "missing.txt", "reports", "reports/2024", "reports/2024/q2.pdf"):
            reply = fetch(bin_, name)
            if reply.status != 404 or reply.text.strip() != "File not found.":
                failed(f"{name!r} is not a file of the user: HTTP {reply.status} {reply.text[:80]!r}, expected 404")
        other = bin_.app.get("/download.php?file=hello.txt", headers=session_cookie({"uid": 2}))
        if other.status != 404:
            failed(f"user 2 has no hello.txt, yet got HTTP {other.status}")
    passed("files, sub-folders and unusual names download with the described headers; the rest is 404")


def traversal_exploit(payloads: list[str]) -> Callable[[], None]:
    """Each payload is a raw (already encoded) query string value for ?file=."""

    def step() -> None:
        bin_ = Dropbin()
        with bin_.app:
            for payload in payloads:
                where = bin_.leaked(bin_.download("file=" + payload))
                if where:
                    failed(f"?file={payload} served the canary {where} from outside the user's folder")
        passed("no file outside the user's folder was served")

    return step


def absolute() -> None:
    """Absolute paths: given as they are, after a slash, or reached by climbing to the file system's root."""
    bin_ = Dropbin()
    targets = [str((bin_.files / "2" / "secret.txt").resolve()), str((bin_.files.parent / "outside.txt").resolve())]
    with bin_.app:
        for target in targets:
            for raw in (target, "/" + target, "../" * 20 + target[1:], "reports/" + "../" * 20 + target[1:]):
                payload = urllib.parse.quote(raw, safe="/")
                where = bin_.leaked(bin_.download("file=" + payload))
                if where:
                    failed(f"?file={payload} served the canary {where} from outside the user's folder")
    passed("no absolute path outside the user's folder was served")


#: real folders of user 1 (scans.pdf is named like a file) first, then the climb: for validators
#: that check only the start (preg_match without $), even those that want a name.ext there
LENIENT = [urllib.parse.quote(v) for v in valid_then_climb(Path("1"), ["pictures", "scans.pdf"], Path("2/secret.txt"))]

STEPS: dict[str, Callable[[], None]] = {
    "functional": functional,
    "traversal": traversal_exploit(["../2/secret.txt", "../../outside.txt", "reports/../../2/secret.txt",
                                    "reports/2024/../../../../outside.txt", "./../2/secret.txt", *LENIENT]),
    "encoded": traversal_exploit(["..%2F2%2Fsecret.txt", "%2e%2e%2f%2e%2e%2foutside.txt",
                                  "reports%2F..%2F..%2F2%2Fsecret.txt", "%252e%252e%252f2%252fsecret.txt",
                                  "..%252f..%252foutside.txt", "%252E%252E%252F2%252Fsecret.txt",
                                  "%25252e%25252e%25252f2%25252fsecret.txt",
                                  # backslashes turned into slashes after the check, fullwidth forms
                                  # folded by a Unicode normalisation, overlong UTF-8 of '.' and '/'
                                  "..%5C2%5Csecret.txt", "reports%5C..%5C..%5C2%5Csecret.txt",
                                  "%EF%BC%8E%EF%BC%8E%EF%BC%8F2%EF%BC%8Fsecret.txt",
                                  "%C0%AE%C0%AE%C0%AF2%C0%AFsecret.txt"]),
    "nested": traversal_exploit(["....//2/secret.txt", "..././2/secret.txt", "....//....//outside.txt",
                                 "reports/....//....//2/secret.txt", "../2/secret.txt"]),
    "absolute": absolute,
    "sibling": traversal_exploit(["../1-evil/secret.txt", "../10/secret.txt", "reports/../../1-evil/secret.txt",
                                  "reports/2024/../../../10/secret.txt"]),
}

if __name__ == "__main__":
    main(STEPS[sys.argv[1]])
