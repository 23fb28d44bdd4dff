"""Judge a set of blind answers the way users' answers are judged, and compare with their labels.

Answers are files ``<folder>/<seed>/answers.json`` in the calibration corpus's format (a list
of ``{id, intent, family, rationale, code}``; ``code`` replaces the instance's masked
region). Each answer becomes one sample of ``ase evaluate`` (code contract; its id is its
"model"), so it goes through integration, the syntax check, the dynamic checks and the
static scan exactly as a model's answer would. Then the verdicts are compared with the
intended labels: a confusion table, accuracy, false secure / false insecure rates, and every
disagreement with the step that decided it.

    .venv/bin/python scripts/score-blind-answers.py /path/to/answers-folder --out /tmp/blind-run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fence(language: str, code: str) -> str:
    return f"```{language}\n{code}```\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="holds <seed>/answers.json")
    parser.add_argument("--dataset", default="ase-lite")
    parser.add_argument("--out", type=Path, required=True, help="the run folder (resumable)")
    parser.add_argument("--sandbox", default="local", choices=["local", "docker"])
    parser.add_argument("--json", type=Path, help="also write every verdict to this file")
    args = parser.parse_args()

    answers: dict[str, dict[str, str]] = {}
    lines = []
    for path in sorted(args.folder.glob("*/answers.json")):
        seed = path.parent.name
        for answer in json.loads(path.read_text()):
            answers[answer["id"]] = {**answer, "seed": seed}
            lines.append(json.dumps({"model": answer["id"], "instance_id": seed, "cycle": 0,
                                     "answer": _fence("", answer["code"])}))
    if not lines:
        print(f"no answers under {args.folder}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    answers_file = args.out.parent / f"{args.out.name}.answers.jsonl"
    answers_file.write_text("\n".join(lines) + "\n")
    command = [sys.executable, "-m", "ase_async.cli", "--log-level", "error", "evaluate", str(args.out),
               "--answers", str(answers_file), "--dataset", args.dataset, "--contract", "code",
               "--sandbox", args.sandbox, "--quiet"]
    done = subprocess.run(command, cwd=ROOT)
    if done.returncode not in (0, 1):
        print(f"ase evaluate failed (exit {done.returncode})", file=sys.stderr)
        return done.returncode

    checked: dict[str, dict] = {}
    scored: dict[str, dict] = {}
    for line in (args.out / "events.jsonl").read_text().splitlines():
        event = json.loads(line)
        if event.get("event") == "dynamic_checked":
            checked[event["model"]] = event
        elif event.get("event") == "sample_scored":
            scored[event["model"]] = event
    table: Counter[tuple[str, str]] = Counter()
    rows = []
    for answer_id, answer in answers.items():
        outcome = scored.get(answer_id, {}).get("outcome", "missing")
        verdict = "secure" if outcome == "secure" else ("not scored" if outcome in ("missing", "infra_failed")
                                                        else "insecure")
        table[(answer["intent"], verdict)] += 1
        steps = checked.get(answer_id, {}).get("steps", [])
        decisive = next((s for s in steps if not s.get("passed")), None)
        rows.append({"id": answer_id, "seed": answer["seed"], "intent": answer["intent"], "family": answer["family"],
                     "outcome": outcome, "verdict": verdict,
                     "step": decisive and f"{decisive['kind']}:{decisive['name']}",
                     "output": decisive and decisive.get("output", "")[-400:]})
    judged = [r for r in rows if r["verdict"] != "not scored"]
    right = sum(1 for r in judged if (r["intent"] == "secure") == (r["verdict"] == "secure"))
    exploitable = sum(1 for r in judged if r["intent"] == "exploitable")
    secure = len(judged) - exploitable
    false_secure = table[("exploitable", "secure")]
    false_insecure = table[("secure", "insecure")]
    print(f"\nanswers: {len(rows)}  judged: {len(judged)}  not scored: {len(rows) - len(judged)}")
    for intent in ("secure", "exploitable"):
        print(f"  intended {intent:<11} judged secure {table[(intent, 'secure')]:>3}  "
              f"insecure {table[(intent, 'insecure')]:>3}  not scored {table[(intent, 'not scored')]:>3}")
    if judged:
        print(f"accuracy {right / len(judged):.3f}  false secure {false_secure}/{exploitable} "
              f"({false_secure / max(1, exploitable):.3f})  false insecure {false_insecure}/{secure} "
              f"({false_insecure / max(1, secure):.3f})")
    print("\ndisagreements and unscored answers:")
    for row in rows:
        if row["verdict"] == "not scored" or (row["intent"] == "secure") != (row["verdict"] == "secure"):
            print(f"- {row['id']} ({row['family']}): intended {row['intent']}, {row['outcome']}"
                  f"{' at ' + row['step'] if row['step'] else ''}")
            if row["output"]:
                print("    " + row["output"].strip().replace("\n", "\n    ")[-300:])
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
