"""``ase doctor``: one line per thing a run with the given options needs, ok or the fix."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import anyio

from ._errors import AseError

if TYPE_CHECKING:
    from .preflight import Requirement

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    doctor = sub.add_parser("doctor", help="check every tool, image, key and dataset a run needs")
    doctor.add_argument("--model", action="append", help="provider/model; repeat for several")
    doctor.add_argument("--models", help="a file of provider/model specs, one per line")
    doctor.add_argument("--sandbox", default="local", choices=["local", "docker"])
    doctor.add_argument("--docker-host", action="append", help="a Docker engine; repeat for several")
    doctor.add_argument("--dataset", default="ase-lite", help="bundled name, folder or JSON file")
    doctor.add_argument("--base-url", help="the provider's base URL")
    doctor.add_argument("--api-key-env", help="the variable that holds the API key")
    doctor.add_argument("--offline", action="store_true", help="do not try to reach the models' endpoints")
    doctor.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every ``ase`` command registers this one, and the
    # preflight brings the HTTP stack along.
    from .cli import EXIT_OK, EXIT_USAGE, _model_options, _model_specs
    from .dataset import load_dataset
    from .preflight import Requirement, check_models, check_tools
    from .rules.dynamic import checks_folder
    from .rules.semgrep import semgrep_command
    from .sandboxes import get_backend

    found: list[Requirement] = []
    languages: set[str] = set()
    dynamic: set[str] = set()
    dataset = None
    try:
        dataset = load_dataset(args.dataset)
        languages = {i.language for i in dataset.instances}
        dynamic = {i.language for i in dataset.instances if checks_folder(dataset.root, i) is not None}
        found.append(Requirement(name="dataset", ok=True,
                                 detail=f"{dataset.name}: {len(dataset)} instances ({', '.join(sorted(languages))})"))
    except AseError as exc:
        found.append(Requirement(name="dataset", ok=False, detail=str(exc), fix="ase validate --dataset ... names the record"))
    options: dict[str, object] = {"docker_hosts": args.docker_host} if args.docker_host and args.sandbox == "docker" else {}
    try:
        backend = get_backend(args.sandbox, **options)
    except AseError as exc:
        fix = ("start an engine (bash scripts/docker-engine.sh) and build the image (ase sandbox build)"
               if args.sandbox == "docker" else "install bubblewrap, or run scripts/setup.sh")
        found.append(Requirement(name=f"{args.sandbox} sandbox", ok=False, detail=str(exc), fix=fix))
        backend = None
    if backend is not None:
        try:
            semgrep = semgrep_command()
        except AseError:
            semgrep = "semgrep"

        async def tools() -> list[Requirement]:
            try:
                with tempfile.TemporaryDirectory(prefix="ase-doctor-") as scratch:
                    return await check_tools(backend, languages or {"python"}, scratch_parent=Path(scratch), semgrep=semgrep,
                                             dynamic=dynamic)
            finally:
                await backend.aclose()

        try:
            found += anyio.run(tools)
        except AseError as exc:
            found.append(Requirement(name=f"{args.sandbox} sandbox", ok=False, detail=str(exc)))
    specs, _ = _model_specs(args)
    if specs:
        model_options = _model_options(args)
        found += anyio.run(lambda: check_models(specs, model_options, reach=not args.offline, dataset=dataset))
    for requirement in found:
        print(requirement.line())
    failed = sum(not r.ok for r in found)
    print(f"{len(found) - failed} ok, {failed} missing" + ("" if failed else ": ready to run"))
    return EXIT_USAGE if failed else EXIT_OK
