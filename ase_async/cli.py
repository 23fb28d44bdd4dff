"""The ``ase`` command: run, score, validate, datasets."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import msgspec

# Absolute at module level: worker processes (anyio.to_process) re-run the parent's main
# module by its path, where a relative import fails, when started as ``python -m ase_async.cli``.
from ase_async import __version__
from ase_async._errors import AseError, EventLogError
from ase_async.cache import default_cache_dir
from ase_async.config import RunConfig
from ase_async.logs import configure_logging

__all__ = ["main"]

#: exit codes, documented in ``ase --help`` and the README
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _default(struct: type[msgspec.Struct], name: str) -> Any:
    """The default a config struct declares for ``name``: each default is declared once,
    in the struct, and the command line shows and uses that one."""
    for field in msgspec.structs.fields(struct):
        if field.name == name:
            return field.default if field.default is not msgspec.NODEFAULT else field.default_factory()
    raise KeyError(f"{struct.__name__} has no field {name!r}")


def _model_specs(args: argparse.Namespace) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The model specs, and each one's own generation settings (``spec key=value ...``)."""
    from .adapters.model_rules import parse_model_line

    specs: list[str] = []
    settings: dict[str, dict[str, object]] = {}
    lines = [(f"--model {m!r}", m) for m in args.model or []]
    if getattr(args, "models", None):
        for number, line in enumerate(Path(args.models).read_text().splitlines(), 1):
            lines.append((f"{args.models}, line {number}", line.split("#", 1)[0]))
    for where, line in lines:
        if not line.strip():
            continue
        spec, own = parse_model_line(line, where=where)
        specs.append(spec)
        if own:
            settings[spec] = own
    return specs, settings


def _model_options(args: argparse.Namespace) -> dict[str, object]:
    """What every adapter of the command gets: base URL, the key's variable, timeout."""
    import os

    options: dict[str, object] = {}
    if args.base_url:
        options["base_url"] = args.base_url
    if args.api_key_env:
        options["api_key"] = os.environ.get(args.api_key_env, "")
        options["api_key_variable"] = args.api_key_env
    if getattr(args, "request_timeout", None):
        options["timeout"] = args.request_timeout
    return options


def _config(args: argparse.Namespace, phase: str) -> RunConfig:
    from .adapters.agent import AgentBudgets
    from .adapters.base import GenerateConfig

    options = _model_options(args)
    specs, per_model = _model_specs(args)
    if not specs:
        specs = ["oracle/gold", "oracle/vulnerable"]
    return RunConfig(
        models=specs,
        dataset=args.dataset,
        out=args.out,
        cycles=args.cycles,
        contract=args.contract,
        instances=args.instance or None,
        sandbox=args.sandbox,
        keep_workdirs=args.keep_workdirs,
        batch_size=args.batch_size,
        task_processes=args.task_processes,
        semgrep_experimental=not args.semgrep_cli,
        phase=phase,
        max_connections=args.max_connections,
        requests_per_minute=args.rpm,
        tokens_per_minute=args.tpm,
        cache_dir=(str(default_cache_dir()) if args.cache == "default" else args.cache),
        prices_file=args.prices,
        generation=GenerateConfig(
            temperature=args.temperature, top_p=args.top_p, max_tokens=args.max_tokens,
            reasoning_effort=args.reasoning_effort, thinking_budget=args.thinking_budget, seed=args.seed,
        ),
        model_generation=per_model,
        prompt_style=args.prompt_style,
        context_source=args.context_source,
        seed_mapping=args.seed_mapping,
        dynamic_verdict=args.dynamic_verdict,
        model_options=options,
        solvers=args.solver or _default(RunConfig, "solvers"),
        sandbox_options={"docker_hosts": args.docker_host} if args.docker_host else {},
        agent_budgets=AgentBudgets(max_turns=args.agent_max_turns, max_tokens=args.agent_max_tokens,
                                   max_seconds=args.agent_timeout, max_cost_usd=args.agent_max_cost),
    )


async def _until_terminated(work: Callable[[], Awaitable[object]]) -> None:
    """Run ``work``; SIGTERM (a service manager, ``kill``, CI's time-out) ends it as Ctrl-C does.

    The run is cancelled, so that it logs its end, removes its containers and working
    copies, and the same command resumes it; then the CLI exits 130 as for an interrupt.
    """
    terminated = False

    async def watch(scope: anyio.CancelScope) -> None:
        nonlocal terminated
        # Ctrl-C too: the flag, not whatever the cancelled run returns, decides the exit code
        with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
            async for _ in signals:
                terminated = True
                scope.cancel()
                return

    async with anyio.create_task_group() as group:
        if threading.current_thread() is threading.main_thread():  # signals reach the main thread only
            group.start_soon(watch, group.cancel_scope)
        await work()
        group.cancel_scope.cancel()
    if terminated:
        raise KeyboardInterrupt


def _execute(config: RunConfig, *, quiet: bool, executor: str = "local", ray_address: str | None = None) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .events import AnswerReceived, Event, ModelFailed, SampleScored
    from .progress import ProgressCounts
    from .runner import Runner

    counts = ProgressCounts()
    counted = SampleScored if config.phase != "generate" else (AnswerReceived, ModelFailed)
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[outcomes]}"), transient=False, disable=quiet,
    ) as progress:
        bar = progress.add_task(config.phase, total=None, outcomes="")

        def listener(event: Event) -> None:
            if isinstance(event, counted):
                name = getattr(event, "outcome", None) or ("answered" if isinstance(event, AnswerReceived) else "model_error")
                counts.add(event.model, name)
                progress.update(bar, advance=1, outcomes=counts.line())

        def on_plan(total: int, pending: int) -> None:
            progress.update(bar, total=pending)

        async def work() -> None:
            if executor == "ray" and config.phase != "generate":
                # --executor ray: sessions and scans on the cluster's workers (ase_async/executors)
                from .executors import RayOptions
                from .executors.ray_run import ray_seams

                async with ray_seams(config, RayOptions(address=ray_address)) as seams:
                    await Runner(seams.config, listener=listener, on_plan=on_plan, backend=seams.backend,
                                 analyzer=seams.analyzer).run()
                return
            await Runner(config, listener=listener, on_plan=on_plan).run()

        anyio.run(_until_terminated, work)
    out = Path(config.out)
    if config.phase == "generate":
        print(f"answers: {out / 'events.jsonl'}  (evaluate them with: ase evaluate {out})")
        return 0
    print(f"results: {out / 'results.json'}  report: {out / 'report.md'}")
    return _print_leaderboard(out / "results.json")


def _run(args: argparse.Namespace) -> int:
    return _execute(_config(args, "run"), quiet=args.quiet, executor=args.executor, ray_address=args.ray_address)


def _generate(args: argparse.Namespace) -> int:
    return _execute(_config(args, "generate"), quiet=args.quiet)


def _evaluate(args: argparse.Namespace) -> int:
    from .eventlog import read_events
    from .events import RunStarted

    run_dir = Path(args.run_dir)
    if args.answers:
        from .imports import read_answers

        answers = read_answers(Path(args.answers))
        config = RunConfig(
            models=sorted({a.model for a in answers}), dataset=args.dataset, out=str(run_dir),
            cycles=max(a.cycle for a in answers) + 1, contract=args.contract, sandbox=args.sandbox,
            phase="evaluate", batch_size=args.batch_size, imported_answers=answers,
        )
        return _execute(config, quiet=args.quiet, executor=args.executor, ray_address=args.ray_address)
    starts = [e for e in read_events(run_dir / "events.jsonl") if isinstance(e, RunStarted)]
    if not starts:
        raise EventLogError(f"{run_dir / 'events.jsonl'}: no run_started event; not a run folder")
    first = starts[0]
    models = list(dict.fromkeys(m for e in starts for m in e.models))
    config = RunConfig(
        models=models,
        dataset=str(first.settings.get("dataset_spec", first.dataset)),
        out=str(run_dir),
        cycles=max(e.cycles for e in starts),
        # The instances the run had: a run of a subset (--instance) is evaluated as that subset.
        instances=list(dict.fromkeys(m.instance_id for e in starts for m in e.instances)) or None,
        contract=first.contract,  # type: ignore[arg-type]
        sandbox=args.sandbox,
        phase="evaluate",
        batch_size=args.batch_size,
    )
    return _execute(config, quiet=args.quiet, executor=args.executor, ray_address=args.ray_address)


def _print_leaderboard(path: Path) -> int:
    """Print the leaderboard and the run's last line; the exit code it calls for.

    A model with no scored sample shows "no answers", never a number: a score of a run whose
    every sample failed for the harness's reasons would be a number about nothing.
    """
    import json

    from rich.console import Console
    from rich.table import Table

    data = json.loads(path.read_text())
    table = Table(title=f"A.S.E {data['dataset']} ({data['contract']}, {data['cycles']} cycles)")
    for column in ("model", "overall", "security", "quality", "stability", "samples"):
        table.add_column(column, justify="left" if column == "model" else "right")
    ranked = sorted(data["models"].items(), key=lambda kv: (kv[1]["scored_samples"] == 0, -kv[1]["overall"], kv[0]))
    left_out: dict[str, int] = {}
    for name, m in ranked:
        infra = m["outcomes"].get("infra_error", 0)
        if infra:
            left_out[name] = infra
        if m["scored_samples"] == 0:
            table.add_row(name, "no answers", "-", "-", "-", f"0 of {m['samples']}")
        else:
            table.add_row(name, f"{m['overall']:.2f}", f"{m['security']:.2f}", f"{m['quality']:.2f}",
                          f"{m['stability']:.2f}", str(m["scored_samples"]))
    Console().print(table)
    if not left_out:
        print(f"every sample scored ({sum(m['samples'] for m in data['models'].values())})")
        return EXIT_OK
    total = sum(left_out.values())
    detail = ", ".join(f"{name}: {count}" for name, count in left_out.items())
    print(f"{total} samples left out as infrastructure errors ({detail}); the reasons are in "
          f"{path.parent / 'events.jsonl'} (infra_failed); run the same command again to redo them",
          file=sys.stderr)
    return EXIT_PARTIAL


def _score(args: argparse.Namespace) -> int:
    from .outputs import write_outputs

    run_dir = Path(args.run_dir)
    out = Path(args.out) if args.out else run_dir
    write_outputs(run_dir, out)
    return _print_leaderboard(out / "results.json")


def _validate(args: argparse.Namespace) -> int:
    from .dataset import load_dataset
    from .validate import validate_with_calibration
    from .validate_report import print_validation

    dataset = load_dataset(args.dataset)
    if args.instance:
        dataset = dataset.subset(args.instance)
    validation = anyio.run(lambda: validate_with_calibration(dataset, dynamic=not args.static_only))
    if args.json:
        import msgspec

        Path(args.json).write_bytes(msgspec.json.format(msgspec.json.encode(validation), indent=1))
    return print_validation(dataset.name, validation, markdown=args.markdown)


def _datasets(args: argparse.Namespace) -> int:
    from .dataset import bundled_datasets, load_dataset

    if args.action == "list":
        for name in bundled_datasets():
            print(f"{name}\t{len(load_dataset(name))} instances")
        return 0
    dataset = load_dataset(args.target)
    seeds = sum(i.seed for i in dataset.instances)
    print(f"{dataset.name}: {len(dataset)} instances ({seeds} seeds, {len(dataset) - seeds} mutations)")
    by = Counter((i.language, i.cwe_id) for i in dataset.instances)
    languages = sorted({i.language for i in dataset.instances})
    cwes = sorted({i.cwe_id for i in dataset.instances})
    if len(cwes) <= 8:
        print("language".ljust(12) + "".join(c.rjust(9) for c in cwes) + "    total")
        for language in languages:
            counts = [by[(language, c)] for c in cwes]
            print(language.ljust(12) + "".join(str(n).rjust(9) for n in counts) + str(sum(counts)).rjust(9))
    else:  # too many classes for a table (upstream v2): one line each
        for title, counter in (("language", Counter(i.language for i in dataset.instances)),
                               ("class", Counter(i.cwe_id for i in dataset.instances))):
            print(f"by {title}: " + ", ".join(f"{k} {n}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))))
    if dataset.record_count is not None and dataset.record_count != len(dataset):
        print(f"{dataset.record_count} records in the file")
    for duplicate in dataset.duplicates:
        print(f"duplicate instance id: {duplicate} (the first record is used)")
    for note in dataset.notes:
        if not note.startswith(("instance id ",)):
            print(f"note: {note}")
    return 0


def _sandbox(args: argparse.Namespace) -> int:
    from .sandboxes.images import DEFAULT_TAG, build_image

    print(build_image(args.tag or DEFAULT_TAG, rebuild=args.rebuild))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ase", description="A.S.E benchmark harness", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "exit codes:\n"
            f"  {EXIT_OK}    every sample was scored\n"
            f"  {EXIT_PARTIAL}    some samples ended as infrastructure errors (partial results; the same command resumes)\n"
            f"  {EXIT_USAGE}    a usage or preflight error: nothing was scored (the message says what to fix)\n"
            f"  {EXIT_INTERRUPTED}  interrupted (Ctrl-C or SIGTERM); the same command resumes\n"
            "\nsomething wrong with the set-up? `ase doctor` checks every tool, image and key a run needs"
        ),
    )
    parser.add_argument("--version", action="version", version=f"ase_async {__version__}")
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--log-json", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    from .adapters.agent import AgentBudgets

    def executors(command: argparse.ArgumentParser) -> None:
        command.add_argument("--executor", choices=["local", "ray"], default="local",
                             help="where sandbox sessions and scans run: this machine, or a Ray cluster "
                                  "(pip install 'ase_async[ray]')")
        command.add_argument("--ray-address", help="the Ray cluster (default: RAY_ADDRESS, else auto)")

    def run_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--dataset", default=_default(RunConfig, "dataset"), help="bundled name, folder or JSON file")
        command.add_argument("--model", action="append", help="provider/model; repeat for several")
        command.add_argument("--models", help="a file of provider/model specs, one per line, each optionally with its "
                             "own settings: 'openai/o3 reasoning_effort=high max_tokens=32000' (none unsets one)")
        command.add_argument("--cycles", type=int, default=_default(RunConfig, "cycles"))
        command.add_argument("--contract", choices=["diff", "code"], default=_default(RunConfig, "contract"))
        command.add_argument("--out", default=_default(RunConfig, "out"))
        command.add_argument("--instance", action="append", help="only these instance ids")
        command.add_argument("--sandbox", default=_default(RunConfig, "sandbox"), choices=["local", "docker"])
        executors(command)
        command.add_argument("--docker-host", action="append",
                             help="a Docker engine (unix://, tcp://); repeat to spread sessions over several")
        command.add_argument("--batch-size", type=int, default=_default(RunConfig, "batch_size"),
                             help="candidates per semgrep process")
        command.add_argument("--task-processes", type=int, default=_default(RunConfig, "task_processes"),
                             help="at most this many worker processes rank context files and count prompt tokens, "
                                  "when the first prompt shows the whole build would be long (0: threads)")
        command.add_argument("--semgrep-cli", action="store_true", help="the plain semgrep CLI instead of --experimental")
        command.add_argument("--keep-workdirs", action="store_true")
        command.add_argument("--quiet", action="store_true")
        api = command.add_argument_group("model API")
        api.add_argument("--base-url", help="the provider's base URL (e.g. http://127.0.0.1:8000/v1)")
        api.add_argument("--api-key-env", help="read the API key from this variable instead of the provider's usual one")
        api.add_argument("--max-connections", type=int, help="requests in flight per provider key")
        api.add_argument("--rpm", type=float, help="requests per minute per provider key")
        api.add_argument("--tpm", type=float, help="tokens per minute per provider key")
        api.add_argument("--request-timeout", type=float, help="read timeout of one request, seconds")
        api.add_argument("--cache", nargs="?", const="default", help="replay and store answers (default: ~/.cache/ase_async/responses)")
        api.add_argument("--prices", help="a JSON price table to use over the bundled one")
        upstream = command.add_argument_group("upstream compatibility (Tencent/AICGSecEval data)")
        upstream.add_argument("--prompt-style", choices=["ase", "upstream", "paper"], default=_default(RunConfig, "prompt_style"),
                              help="ase: our prompt; upstream: the reference tool's words; paper: its v1 diff "
                                   "prompt as the paper ran it (masked file again in the context, sorted by path)")
        upstream.add_argument("--context-source", choices=["bm25", "upstream"], default=_default(RunConfig, "context_source"),
                              help="our BM25 ranking, or the retrieval file's hits")
        upstream.add_argument("--seed-mapping", choices=["ase", "upstream"], default=_default(RunConfig, "seed_mapping"),
                              help="which seed a mutation borrows its description and hits from")
        upstream.add_argument("--dynamic-verdict", choices=["strict", "marker"], default=_default(RunConfig, "dynamic_verdict"),
                              help="v2 checks: exit codes and a nonce (strict), or upstream's marker strings")
        agents = command.add_argument_group("solvers")
        agents.add_argument("--solver", action="append",
                            help="single (default), agent (tools in the sandbox) or cli:COMMAND; repeat to compare")
        agents.add_argument("--agent-max-turns", type=int, default=_default(AgentBudgets, "max_turns"))
        agents.add_argument("--agent-max-tokens", type=int, default=_default(AgentBudgets, "max_tokens"))
        agents.add_argument("--agent-timeout", type=float, default=_default(AgentBudgets, "max_seconds"),
                            help="seconds per sample for an agent or CLI command")
        agents.add_argument("--agent-max-cost", type=float, help="USD per sample")
        gen = command.add_argument_group(
            "generation", "for every model; a --models FILE line overrides them for its model. Checked per model "
            "before the run (see ase_async.adapters.model_rules for each family's rules and defaults)")
        gen.add_argument("--temperature", type=float)
        gen.add_argument("--top-p", type=float)
        gen.add_argument("--max-tokens", type=int)
        gen.add_argument("--reasoning-effort", choices=["none", "minimal", "low", "medium", "high", "xhigh", "max"],
                         help="OpenAI reasoning models; Claude 4.6 and later (adaptive thinking)")
        gen.add_argument("--thinking-budget", type=int, help="Anthropic extended thinking budget (tokens, >= 1024)")
        gen.add_argument("--seed", type=int, help="OpenAI-compatible servers only")

    run = sub.add_parser("run", help="generate answers and evaluate them, overlapping both")
    run_options(run)
    run.set_defaults(func=_run)

    generate = sub.add_parser("generate", help="only ask the models; answers go to the event log")
    run_options(generate)
    generate.set_defaults(func=_generate)

    evaluate = sub.add_parser("evaluate", help="evaluate the answers already in a run's event log, or imported ones")
    evaluate.add_argument("run_dir")
    evaluate.add_argument("--answers", help="a JSONL file of answers produced elsewhere: {model, instance_id, cycle, answer}")
    evaluate.add_argument("--dataset", default=_default(RunConfig, "dataset"), help="with --answers: the dataset they answer")
    evaluate.add_argument("--contract", choices=["diff", "code"], default=_default(RunConfig, "contract"),
                          help="with --answers: their contract")
    evaluate.add_argument("--sandbox", default=_default(RunConfig, "sandbox"), choices=["local", "docker"])
    executors(evaluate)
    evaluate.add_argument("--batch-size", type=int, default=_default(RunConfig, "batch_size"))
    evaluate.add_argument("--quiet", action="store_true")
    evaluate.set_defaults(func=_evaluate)

    score = sub.add_parser("score", help="recompute results from a run's event log")
    score.add_argument("run_dir")
    score.add_argument("--out", help="write results here instead of the run folder")
    score.set_defaults(func=_score)

    validate = sub.add_parser("validate", help="check that every instance is a fair test")
    validate.add_argument("--dataset", default=_default(RunConfig, "dataset"))
    validate.add_argument("--instance", action="append")
    validate.add_argument("--static-only", action="store_true", help="skip the dynamic checks (the calibration corpus is still judged, statically)")
    validate.add_argument("--markdown", help="also write the tables to this Markdown file")
    validate.add_argument("--json", help="also write every row and calibration verdict to this JSON file")
    validate.set_defaults(func=_validate)

    datasets = sub.add_parser("datasets", help="list bundled datasets or inspect one")
    datasets.add_argument("action", choices=["list", "inspect"], nargs="?", default="list")
    datasets.add_argument("target", nargs="?", default="ase-lite")
    datasets.set_defaults(func=_datasets)
    sandbox = sub.add_parser("sandbox", help="the docker evaluation image")
    sandbox.add_argument("action", choices=["build"], help="build the image offline (reused when current)")
    sandbox.add_argument("--tag", help="image tag (default ase-async-eval:latest)")
    sandbox.add_argument("--rebuild", action="store_true", help="build even when a current image exists")
    sandbox.set_defaults(func=_sandbox)

    from .compare import register as register_compare
    from .doctor import register as register_doctor
    from .mutation.cli import register as register_mutate
    from .viewer import register as register_view

    register_doctor(sub)
    register_compare(sub)
    register_view(sub)
    register_mutate(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(level=args.log_level, json=args.log_json)
    try:
        try:
            return int(args.func(args))
        except BaseExceptionGroup as group:
            raise _leaf(group) from group
    except AseError as exc:
        print(f"ase: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ase: interrupted; run the same command again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        where = f" writing {exc.filename}" if exc.filename else ""
        print(f"ase: error: the disk is full{where}; free some space and run the same command again "
              "to resume (finished samples are kept)", file=sys.stderr)
        return EXIT_PARTIAL


def _leaf(group: BaseExceptionGroup) -> BaseException:  # type: ignore[type-arg]
    """The error to report from a task group's: ours first, then an interrupt, else the first."""
    leaves: list[BaseException] = []

    def collect(error: BaseException) -> None:
        if isinstance(error, BaseExceptionGroup):
            for inner in error.exceptions:
                collect(inner)
        else:
            leaves.append(error)

    collect(group)
    ours: list[BaseException] = [leaf for leaf in leaves if isinstance(leaf, AseError)]
    ours += [leaf for leaf in leaves if isinstance(leaf, KeyboardInterrupt)]
    ours += [leaf for leaf in leaves if isinstance(leaf, OSError) and leaf.errno in (errno.ENOSPC, errno.EDQUOT)]
    return ours[0] if ours else group


if __name__ == "__main__":
    sys.exit(main())
