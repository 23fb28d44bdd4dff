"""The mutation engine: each operator on small projects in every language, region
tracking, determinism of ``ase mutate``, and the bundled mutations' provenance."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ase_async.dataset import load_dataset
from ase_async.masking import region_text
from ase_async.mutation import OPERATORS, Case, NotApplicable
from ase_async.mutation.case import Edit, apply_edits, line_region, region_bytes
from ase_async.mutation.syntax_tree import has_syntax_error, language_of_file
from ase_async.mutation.vocabulary import join_words, split_words

RULE = "rules:\n  - id: demo-taint\n    pattern: sink($X)\n"


def make_case(language: str, files: dict[str, str], vuln_file: str, region_marker: str, fix: str,
              description: str = "", rule: str = RULE) -> Case:
    """A case whose region is the lines between ``<marker> start`` and ``<marker> end``."""
    lines = files[vuln_file].splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if f"{region_marker} start" in line) + 2
    last = next(i for i, line in enumerate(lines) if f"{region_marker} end" in line)
    region = (first, last)
    return Case(
        instance_id="demo-01", language=language, files=dict(files), vuln_file=vuln_file, region=region,
        variants={"vulnerable": region_text(files[vuln_file], region), "fix": fix},
        rule=rule, description=description,
    )


def check_consistent(case: Case) -> None:
    """The region holds the vulnerable variant, and every variant parses in place."""
    text = case.files[case.vuln_file]
    assert region_text(text, case.region) == case.variants["vulnerable"]
    for label in case.variants:
        spliced, _ = case.variant_file(label)
        assert not has_syntax_error(case.language, spliced), (label, spliced)
    for path, content in case.files.items():
        language = language_of_file(path)
        if language == case.language:
            assert not has_syntax_error(language, content), (path, content)


# --- fixtures: one small project per language ------------------------------------------

PY_FILES = {
    "shop/__init__.py": "",
    "shop/store.py": (
        "import os\n\n"
        "def load_user(user_id):\n"
        "    return {'id': user_id}\n\n"
        "def share_root():\n"
        "    return os.getcwd()\n"
    ),
    "shop/views.py": (
        "import os\n"
        "from flask import request\n"
        "from .store import load_user, share_root\n\n"
        "def helper_count(items):\n"
        "    total = 0\n"
        "    for item in items:\n"
        "        total += 1\n"
        "    if total:\n"
        "        return total\n"
        "    else:\n"
        "        return 0\n\n"
        "def profile(user_id):\n"
        "    record = load_user(user_id)\n"
        "    # region start\n"
        "    name = request.args.get('name')\n"
        "    path = os.path.join(share_root(), name)\n"
        "    return sink(f'{path}:{record}')\n"
        "    # region end\n\n"
        "def sink(value):\n"
        "    return value\n"
    ),
}
PY_FIX = (
    "    name = os.path.basename(request.args.get('name'))\n"
    "    path = os.path.join(share_root(), name)\n"
    "    return sink(f'{path}:{record}')\n"
)

JS_FILES = {
    "lib/users.js": (
        "'use strict';\n\n"
        "function loadUser(userId) {\n"
        "  return { id: userId };\n"
        "}\n\n"
        "module.exports = { loadUser };\n"
    ),
    "routes/profile.js": (
        "'use strict';\n\n"
        "const { loadUser } = require('../lib/users');\n\n"
        "function countItems(items) {\n"
        "  let total = 0;\n"
        "  if (items) {\n"
        "    total = items.length;\n"
        "  } else {\n"
        "    total = 0;\n"
        "  }\n"
        "  return total;\n"
        "}\n\n"
        "function profile(req, res) {\n"
        "  const record = loadUser(req.params.id);\n"
        "  // region start\n"
        "  const name = req.query.name;\n"
        "  res.send(`<p>${name} ${record.id}</p>`);\n"
        "  // region end\n"
        "}\n\n"
        "function shout(text) {\n"
        "  return text.toUpperCase();\n"
        "}\n\n"
        "module.exports = { profile, countItems, shout };\n"
    ),
}
JS_FIX = (
    "  const name = escapeHtml(req.query.name);\n"
    "  res.send(`<p>${name} ${record.id}</p>`);\n"
)

PHP_FILES = {
    "src/users.php": (
        "<?php\n"
        "function load_user(int $userId): array\n"
        "{\n"
        "    return ['id' => $userId];\n"
        "}\n\n"
        "function count_items(array $items): int\n"
        "{\n"
        "    if ($items) {\n"
        "        return count($items);\n"
        "    } else {\n"
        "        return 0;\n"
        "    }\n"
        "}\n"
    ),
    "public/profile.php": (
        "<?php\n"
        "require_once __DIR__ . '/../src/users.php';\n\n"
        "$record = load_user((int) $_GET['id']);\n"
        "// region start\n"
        "$name = $_GET['name'];\n"
        "echo \"<p>Hello $name</p>\";\n"
        "// region end\n"
    ),
}
PHP_FIX = "$name = htmlspecialchars($_GET['name']);\necho \"<p>Hello $name</p>\";\n"

GO_FILES = {
    "go.mod": "module example.com/shop\n\ngo 1.22\n",
    "internal/store/store.go": (
        "package store\n\n"
        "// LoadUser returns the user.\n"
        "func LoadUser(userID int) int {\n"
        "\treturn userID\n"
        "}\n\n"
        "func CountItems(items []string) int {\n"
        "\tvar total = 0\n"
        "\tif len(items) > 0 {\n"
        "\t\ttotal = len(items)\n"
        "\t} else {\n"
        "\t\ttotal = 0\n"
        "\t}\n"
        "\treturn total\n"
        "}\n"
    ),
    "internal/web/profile.go": (
        "package web\n\n"
        "import (\n"
        "\t\"net/http\"\n"
        "\t\"strings\"\n\n"
        "\t\"example.com/shop/internal/store\"\n"
        ")\n\n"
        "func clean(value string) string {\n"
        "\treturn strings.Replace(value, \"x\", \"y\", -1)\n"
        "}\n\n"
        "func profile(w http.ResponseWriter, r *http.Request) {\n"
        "\trecord := store.LoadUser(1)\n"
        "\t// region start\n"
        "\tname := r.URL.Query().Get(\"name\")\n"
        "\tw.Write([]byte(name + clean(\"a\")))\n"
        "\t// region end\n"
        "\t_ = record\n"
        "}\n"
    ),
}
GO_FIX = "\tname := html.EscapeString(r.URL.Query().Get(\"name\"))\n\tw.Write([]byte(name + clean(\"a\")))\n"

JAVA_FILES = {
    "src/main/java/org/shop/store/UserStore.java": (
        "package org.shop.store;\n\n"
        "public class UserStore {\n"
        "    public String loadUser(String userId) {\n"
        "        return userId;\n"
        "    }\n\n"
        "    public int countItems(String items) {\n"
        "        if (items.length() == 0) {\n"
        "            return 0;\n"
        "        } else {\n"
        "            return items.length();\n"
        "        }\n"
        "    }\n"
        "}\n"
    ),
    "src/main/java/org/shop/web/ProfileServlet.java": (
        "package org.shop.web;\n\n"
        "import org.shop.store.UserStore;\n\n"
        "public class ProfileServlet {\n"
        "    private final UserStore store = new UserStore();\n\n"
        "    public String render(String userId) {\n"
        "        String record = store.loadUser(userId);\n"
        "        // region start\n"
        "        String page = String.format(\"<p>%s</p>\", record);\n"
        "        return page;\n"
        "        // region end\n"
        "    }\n\n"
        "    public String title(String name) {\n"
        "        return name;\n"
        "    }\n\n"
        "    public String subtitle(String name) {\n"
        "        return name + \"!\";\n"
        "    }\n"
        "}\n"
    ),
}
JAVA_FIX = "        String page = String.format(\"<p>%s</p>\", Html.escape(record));\n        return page;\n"

CASES = {
    "python": lambda: make_case("python", PY_FILES, "shop/views.py", "# region", PY_FIX),
    "javascript": lambda: make_case("javascript", JS_FILES, "routes/profile.js", "// region", JS_FIX),
    "php": lambda: make_case("php", PHP_FILES, "public/profile.php", "// region", PHP_FIX),
    "go": lambda: make_case("go", GO_FILES, "internal/web/profile.go", "// region", GO_FIX),
    "java": lambda: make_case("java", JAVA_FILES, "src/main/java/org/shop/web/ProfileServlet.java", "// region", JAVA_FIX),
}


# --- region bookkeeping ---------------------------------------------------------------


def test_apply_edits_tracks_the_region_and_refuses_straddling() -> None:
    text = "a\nb\nc\nd\n"
    region = region_bytes(text, (2, 3))
    new, span = apply_edits(text, [Edit(0, 1, "AAA\nA"), Edit(4, 5, "CC")], region)
    assert span is not None
    assert line_region(new, *span) == (3, 4)
    assert region_text(new, (3, 4)) == "b\nCC\n"
    with pytest.raises(NotApplicable):
        apply_edits(text, [Edit(1, 3, "")], region)


def test_vocabulary_keeps_the_spelling_style() -> None:
    for name in ("load_user_rows", "loadUserRows", "LoadUserRows", "MAX_ROWS", "_private_name"):
        prefix, words, style = split_words(name)
        assert join_words(prefix, words, style) == name


# --- every operator, every language ----------------------------------------------------


@pytest.mark.parametrize("language", sorted(CASES))
@pytest.mark.parametrize("operator", sorted(OPERATORS))
def test_operator_keeps_the_instance_consistent(language: str, operator: str) -> None:
    case = CASES[language]()
    try:
        mutated = OPERATORS[operator](case, random.Random(3))
    except NotApplicable:
        pytest.skip(f"{operator} has nothing to do in the {language} fixture")
    assert mutated.mutations == (operator,)
    assert mutated.files != case.files
    check_consistent(mutated)
    assert mutated.description == case.description


@pytest.mark.parametrize("language", sorted(CASES))
def test_structural_operators_apply_in_every_language(language: str) -> None:
    applied = set()
    for name, operator in sorted(OPERATORS.items()):
        for seed in range(5):
            try:
                operator(CASES[language](), random.Random(seed))
                applied.add(name)
            except NotApplicable:
                pass
    assert {"rename", "reorder", "move_file", "reshape", "extract"} <= applied, applied


_DEFINERS = {
    "python": ("shop/store.py", "load_user"), "javascript": ("lib/users.js", "loadUser"),
    "php": ("src/users.php", "load_user"), "go": ("internal/store/store.go", "LoadUser"),
    "java": ("src/main/java/org/shop/store/UserStore.java", "loadUser"),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_rename_is_consistent_across_files_and_variants(language: str) -> None:
    import re

    from ase_async.mutation.rename import plan_renames

    case = CASES[language]()
    mapping, _, _ = plan_renames(case, random.Random(5))
    mutated = OPERATORS["rename"](case, random.Random(5))
    definer, old = _DEFINERS[language]
    new = mapping[old]
    # Defined under the new name in one file, called under it in the other.
    assert re.search(rf"\b{old}\b", mutated.files[definer]) is None
    assert new in mutated.files[definer] and new in mutated.files[mutated.vuln_file]
    assert re.search(rf"\b{old}\b", mutated.files[mutated.vuln_file]) is None
    assert region_text(mutated.files[mutated.vuln_file], mutated.region) == mutated.variants["vulnerable"]
    # The fix got exactly the same renaming, so it still fits the masked file.
    pattern = re.compile(r"(?<![\w.>])(" + "|".join(map(re.escape, mapping)) + r")(?!\w)")  # members stay
    for label, text in case.variants.items():
        assert mutated.variants[label] == pattern.sub(lambda m: mapping[m.group(1)], text), label


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"[A-Za-z_]\w*", text))


def test_rename_leaves_description_and_rule_names_alone_and_rewrites_rule_calls() -> None:
    rule = "rules:\n  - id: demo-taint\n    pattern-sanitizers:\n      - pattern: share_root(...)\n    pattern: sink($X)\n"
    case = make_case("python", PY_FILES, "shop/views.py", "# region", PY_FIX, description="Call `load_user()` first.", rule=rule)
    mutated = OPERATORS["rename"](case, random.Random(1))
    assert "def load_user(" in mutated.files["shop/store.py"]  # the description names it
    assert "def sink(" in mutated.files["shop/views.py"]  # the rule names it as a sink pattern... and not only in call form
    assert "share_root" not in mutated.files["shop/store.py"]
    new = next(w for w in _words(mutated.rule) if w not in _words(rule))
    assert f"def {new}(" in mutated.files["shop/store.py"]  # the rule follows the project helper


def test_region_moves_with_its_function_when_reordered() -> None:
    case = CASES["python"]()
    for seed in range(20):
        mutated = OPERATORS["reorder"](case, random.Random(seed))
        if mutated.region != case.region:
            break
    assert mutated.region != case.region
    assert region_text(mutated.files[mutated.vuln_file], mutated.region) == case.variants["vulnerable"]
    assert mutated.variants == case.variants


def test_extract_delegates_a_function_outside_the_region() -> None:
    case = CASES["javascript"]()
    mutated = OPERATORS["extract"](case, random.Random(0))
    text = mutated.files[mutated.vuln_file]
    helpers = sorted(_words(text) - _words(case.files[case.vuln_file]))
    assert helpers
    for helper in helpers:
        assert f"function {helper}(" in text  # the body moved into the helper...
        assert f"return {helper}(" in text  # ...which the old function calls
    assert mutated.variants == case.variants
    assert region_text(text, mutated.region) == case.variants["vulnerable"]


@pytest.mark.parametrize(("language", "expected"), [
    ("javascript", "require('../../lib/users')"),
    ("python", "from ..store import"),
    ("go", '"example.com/shop/internal/'),
    ("java", "package org.shop."),
    ("php", "__DIR__ . '/../../src/users.php'"),
])
def test_move_file_rewrites_references(language: str, expected: str) -> None:
    case = CASES[language]()
    mutated = OPERATORS["move_file"](case, random.Random(0))
    assert mutated.vuln_file != case.vuln_file
    assert case.vuln_file not in mutated.files
    assert expected in mutated.files[mutated.vuln_file] or any(expected in t for t in mutated.files.values())
    check_consistent(mutated)


@pytest.mark.parametrize(("language", "expected"), [
    ("python", "'{}:{}'.format(path, record)"),
    ("javascript", "'<p>' + name + ' ' + record.id + '</p>'"),
    ("php", '"<p>Hello " . $name . "</p>"'),
    ("go", "strings.ReplaceAll(value, \"x\", \"y\")"),
    ("java", '"<p>" + record + "</p>"'),
])
def test_api_substitution_swaps_equivalent_forms(language: str, expected: str) -> None:
    case = CASES[language]()
    for seed in range(30):
        try:
            mutated = OPERATORS["api_substitution"](case, random.Random(seed))
        except NotApplicable:
            continue  # this seed's draw left every site alone
        if any(expected in t for t in mutated.files.values()):
            break
    assert any(expected in t for t in mutated.files.values())
    # The same swap reaches the region's variants, so the fix still fits the masked file.
    if expected in mutated.variants["vulnerable"]:
        assert expected in mutated.variants["fix"] or language == "java"
    check_consistent(mutated)


def test_reshape_inverts_if_else_outside_the_region() -> None:
    case = CASES["go"]()
    for seed in range(20):
        mutated = OPERATORS["reshape"](case, random.Random(seed))
        if "if !(len(items) > 0)" in mutated.files["internal/store/store.go"]:
            break
    assert "if !(len(items) > 0)" in mutated.files["internal/store/store.go"]
    assert mutated.variants == case.variants


def test_operators_are_deterministic() -> None:
    for language, make in sorted(CASES.items()):
        for name, operator in sorted(OPERATORS.items()):
            try:
                first = operator(make(), random.Random(11))
            except NotApplicable:
                continue
            second = operator(make(), random.Random(11))
            assert first == second, (language, name)


# --- the command and the bundled mutations ---------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_ase_mutate_twice_gives_identical_trees(tmp_path: Path) -> None:
    from ase_async.cli import main

    seeds = ["py-pathtrav-01", "js-xss-02", "php-cmdi-01", "go-cmdi-01", "java-pathtrav-02"]
    present = {i.instance_id for i in load_dataset("ase-lite").instances}
    args = [arg for seed in seeds if seed in present for arg in ("--instance", seed)]
    for out in ("a", "b"):
        assert main(["mutate", "--seed-number", "7", *args, "--out", str(tmp_path / out)]) == 0
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first and first == second
    assert not any(str(tmp_path) in content.decode("utf-8", "replace") for content in first.values())


def test_bundled_mutations_point_to_their_seed() -> None:
    dataset = load_dataset("ase-lite")
    seeds = {i.instance_id: i for i in dataset.instances if i.seed}
    mutations = [i for i in dataset.instances if not i.seed]
    for mutation in mutations:
        assert mutation.origin is not None
        seed = seeds[mutation.origin.seed]
        assert mutation.description == seed.description
        assert (mutation.cwe_id, mutation.vuln_type, mutation.language) == (seed.cwe_id, seed.vuln_type, seed.language)
        assert mutation.instance_id.startswith(seed.instance_id + "-m")
        assert len(mutation.origin.mutations) >= 2
        assert set(mutation.origin.mutations) <= set(OPERATORS)
        assert len(mutation.insecure_fixes) == len(seed.insecure_fixes)
    if mutations:
        per_seed = {s: sum(m.origin.seed == s for m in mutations if m.origin) for s in seeds}
        assert set(per_seed.values()) == {2}


def test_rename_keeps_view_parameters_bound_to_their_route_placeholders() -> None:
    """Flask passes ``<int:job_id>`` as the keyword ``job_id``: renaming the parameter alone
    makes every request to the route fail."""
    from ase_async.mutation.rename import plan_renames

    files = {
        "app.py": (
            "from flask import Flask, request\n\n"
            "app = Flask(__name__)\n\n\n"
            "def lookup_job(job_id):\n"
            "    return {'id': job_id}\n\n\n"
            "@app.route('/api/jobs/<int:job_id>')\n"
            "def job_state(job_id):\n"
            "    # region start\n"
            "    return lookup_job(job_id)\n"
            "    # region end\n"
        ),
    }
    case = make_case("python", files, "app.py", "# region", "    return lookup_job(int(job_id))\n")
    for seed in range(5):
        mapping, _, _ = plan_renames(case, random.Random(seed))
        assert "job_id" not in mapping, mapping
        mutated = OPERATORS["rename"](case, random.Random(seed))
        assert "<int:job_id>')\ndef " in mutated.files["app.py"] and "(job_id):\n    # region" in mutated.files["app.py"]
