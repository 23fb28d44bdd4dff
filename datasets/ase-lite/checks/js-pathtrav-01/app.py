"""dropcrate under test: a storage root with a shared folder, a sibling folder and canaries.

    state/secret-<token>.txt           outside the storage root
    state/storage/team/...             the shared folder (files the functional test reads, and
                                       scans.pdf/, an empty folder named like a file)
    state/storage/team-evil/secret-*   a sibling whose name extends the shared folder's
    state/storage/private/secret-*     another folder of the storage root, not shared
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_lib"))

from asecheck import App, Response, failed, token
from javascript import json_of, node_app, state_dir

ADMIN_KEY = "ase-admin-key"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256))
FILES = {
    "notes.txt": b"meeting notes\nline two\n",
    "O'Brien report.pdf": b"%PDF-1.4 fake report\n",
    "sub/deep/data.csv": "id,name\n1,Zoë\n".encode(),
    "café menü.txt": "soupe à l'oignon\n".encode(),
    'say "hi".txt': b"hi there\n",
    "pixel.png": PNG,
}


@dataclass
class Dropcrate:
    app: App
    state: Path
    share: str
    canaries: dict[str, str]  # where: secret content (never part of a file name: error pages may echo names)
    names: dict[str, str]  # where: canary file name

    def file(self, raw_path: str) -> Response:
        """GET /s/<share>/files/<raw_path>, the path sent exactly as given."""
        return self.app.get(f"/s/{self.share}/files/{raw_path}")

    def __enter__(self) -> Dropcrate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.app.__exit__()


def start() -> Dropcrate:
    """The app on a fresh storage root, with a share of its folder 'team' made through /admin."""
    state = state_dir("dropcrate")
    storage = state / "storage"
    for name, data in FILES.items():
        (storage / "team" / name).parent.mkdir(parents=True, exist_ok=True)
        (storage / "team" / name).write_bytes(data)
    (storage / "team" / "scans.pdf").mkdir()
    canaries = {"outside": token("outside"), "sibling": token("sibling"), "private": token("private")}
    names = {where: f"secret-{token('')}.txt" for where in canaries}
    (state / names["outside"]).write_text(canaries["outside"])
    for where in ("sibling", "private"):
        folder = storage / ("team-evil" if where == "sibling" else "private")
        folder.mkdir()
        (folder / names[where]).write_text(canaries[where])
    app = node_app({"DROPCRATE_ROOT": str(storage), "DROPCRATE_ADMIN_KEY": ADMIN_KEY})
    app.__enter__()
    response = app.post("/admin/shares", json_body={"folder": "team", "hours": 1}, headers={"X-Admin-Key": ADMIN_KEY})
    body = json_of(response)
    if response.status != 201 or not isinstance(body, dict) or not body.get("token"):
        app.__exit__()
        failed(f"POST /admin/shares answered {response.status} {response.text[:200]!r}")
    return Dropcrate(app, state, str(body["token"]), canaries, names)  # type: ignore[index]
