"""``rename``: consistent renaming of project identifiers across every file.

The new name of each identifier comes from :mod:`.vocabulary`; where it occurs comes from
:mod:`.identifiers`. A name is renamed only when it is *defined* in the project and no
occurrence ties it to something we do not control. Protected, and so left alone:

- names bound to imports from outside the project, used as members of external objects,
  or used as keyword arguments / object keys / struct keys (a key must keep matching);
- types, fields and properties (templates, JSON and ORMs reach them by name), overrides;
- builtins, and function names that are also common API method names (renaming
  ``get`` everywhere would hit ``dict.get`` too);
- every word of the seed's description (it is reused unchanged, so the names it
  mentions must stay), of the README and other non-source files, and of string
  literals that look like names (``url_for('files.download')``, callables);
- every word of the rule file, except project functions the rule names only in call
  form (``escapeHtml(...)``, ``h(...)``): those are renamed and the rule is rewritten.

Names of files and folders are protected too: ``from . import files`` names a module.
"""

from __future__ import annotations

import random
import re

import yaml

from .api_names import API_NAMES, BUILTIN_NAMES
from .case import (
    Case,
    Edit,
    NotApplicable,
    Region,
    apply_edits,
    line_region,
    region_bytes,
    replace_case,
    transform_variants,
)
from .identifiers import Occurrence, occurrences
from .syntax_tree import Source, language_of_file, walk
from .vocabulary import synonym_names

__all__ = ["plan_renames", "rename"]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAMEISH_STRING = re.compile(r"""(['"`])([A-Za-z_][\w.:/\\-]*)\1""")
# Route placeholders (Flask's ``<int:job_id>``, Express's ``:id``, Go's ``{name}``) bind a
# view's parameters by name: renaming the parameter alone breaks every request to the route.
_ROUTE_PLACEHOLDER = re.compile(r"""<(?:[A-Za-z_]\w*:)?([A-Za-z_]\w*)>|/:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?:\.\.\.)?\}""")
_RENAMED_ROLES = frozenset({"def_func", "def_method", "def_var", "def_global", "use"})
# Names reached in member position (`module.name`, `obj.method`) as well as bare.
_FUNCTION_ROLES = frozenset({"def_func", "def_method", "def_global"})


def project_modules(case: Case) -> frozenset[str]:
    """Import roots that belong to the project, for telling imports apart."""
    roots: set[str] = set()
    for path, text in case.files.items():
        parts = path.split("/")
        if case.language == "python" and path.endswith(".py"):
            roots.add(parts[0].removesuffix(".py"))
        elif case.language == "go" and parts[-1] == "go.mod":
            match = re.search(r"^module\s+(\S+)", text, re.M)
            if match:
                roots.add(match.group(1))
        elif case.language == "java" and path.endswith(".java"):
            match = re.search(r"^package\s+([\w.]+)\s*;", text, re.M)
            if match:
                roots.add(match.group(1))
            # Project types, to tell `store.load()` (ours) from `props.load()` (the JDK's).
            roots |= {f"type:{name}" for name in re.findall(r"\b(?:class|interface|enum|record)\s+(\w+)", text)}
    return frozenset(roots)


def _sources(case: Case) -> tuple[dict[str, Source], dict[str, Source]]:
    """Parsed project files of the instance's language (the vulnerable file excluded),
    and the vulnerable file under each variant."""
    files = {
        path: Source(case.language, text)
        for path, text in sorted(case.files.items())
        if path != case.vuln_file and language_of_file(path) == case.language
    }
    variants = {label: Source(case.language, case.variant_file(label)[0]) for label in sorted(case.variants)}
    return files, variants


def code_words(prose: str) -> set[str]:
    """Words of prose that read as code: in backticks, ``$var``, ``call(``, ``a.b``,
    snake_case, camelCase or UPPER_CASE. Plain English words are left free, so a
    description saying "the file name" does not freeze a variable called ``file``."""
    words: set[str] = set()
    for span in re.findall(r"`([^`]*)`", prose):
        words |= set(_WORD.findall(span))
    for match in re.finditer(r"(\$?)([A-Za-z_][A-Za-z0-9_]*)(\s*\()?", prose):
        dollar, word, call = match.groups()
        before = prose[match.start() - 1 : match.start()]
        after = prose[match.end() : match.end() + 1]
        if (
            dollar or call or before == "." or (after == "." and prose[match.end() + 1 : match.end() + 2].isalpha())
            or "_" in word.strip("_") or re.search(r"[a-z][A-Z]", word) or (word.isupper() and len(word) > 1)
        ):
            words.add(word)
    return words


def _rule_call_names(rule: str) -> tuple[set[str], set[str]]:
    """Words of the rule file, and those that appear only in call form ``name(``."""
    words = set(_WORD.findall(rule))
    called: set[str] = set()
    for word in words:
        positions = [m.end() for m in re.finditer(rf"(?<![\w$]){re.escape(word)}(?!\w)", rule)]
        if positions and all(re.match(r"\s*\(", rule[p:]) for p in positions):
            called.add(word)
    return words, called


def _rule_regexes(rule: str) -> list[re.Pattern[str]]:
    """The selective regexes of the rule (``metavariable-regex``, ``pattern-regex``).

    A regex that also matches a nonsense name (``(?s)^(?!...).*$``) says nothing about
    names and is left out.
    """
    try:
        data = yaml.safe_load(rule)
    except yaml.YAMLError:
        return []
    found: list[re.Pattern[str]] = []
    stack: list[object] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("regex", "pattern-regex", "pattern-not-regex") and isinstance(value, str):
                    try:
                        compiled = re.compile(value)
                    except re.error:
                        continue
                    if not compiled.match("zzqxv") and not compiled.match("$zzqxv"):
                        found.append(compiled)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _matches_rule(regexes: list[re.Pattern[str]], name: str) -> bool:
    return any(r.match(name) or r.match("$" + name) or r.search(f".{name}(") for r in regexes)


def plan_renames(case: Case, rng: random.Random) -> tuple[dict[str, str], set[str], set[str]]:
    """Choose the renames for a case.

    Returns:
        The map old name -> new name, the renamed names that are functions or methods
        (renamed in member position too), and the renamed names the rule mentions.
    """
    language = case.language
    modules = project_modules(case)
    files, variants = _sources(case)
    roles: dict[str, set[str]] = {}
    for src in [*files.values(), *variants.values()]:
        for occ in occurrences(src, modules):
            roles.setdefault(occ.name, set()).add(occ.role)

    protected: set[str] = set(BUILTIN_NAMES[language])
    protected |= code_words(case.description)
    taken: set[str] = set()
    for path, text in case.files.items():
        words = set(_WORD.findall(text))
        taken |= words
        if path.lower().endswith((".md", ".txt", ".rst")):
            protected |= code_words(text)
        elif language_of_file(path) != language:
            protected |= words  # templates, SQL, configuration, other languages
        for part in path.split("/"):
            protected.add(part.split(".")[0])
        for match in _NAMEISH_STRING.finditer(text):
            protected |= set(_WORD.findall(match.group(2)))
        for match in _ROUTE_PLACEHOLDER.finditer(text):
            protected.add(next(group for group in match.groups() if group))
    for text in case.variants.values():
        taken |= set(_WORD.findall(text))
        for match in _NAMEISH_STRING.finditer(text):
            protected |= set(_WORD.findall(match.group(2)))
    rule_words, rule_calls = _rule_call_names(case.rule)
    # Names a rule regex selects (`^get(Title|Body)$`) must keep matching, and no new
    # name may start matching one.
    regexes = _rule_regexes(case.rule)
    taken |= rule_words | set(_WORD.findall(case.description))

    functions = {name for name, r in roles.items() if r & _FUNCTION_ROLES}
    for name, r in roles.items():
        if r & {"protect", "key", "external"}:
            protected.add(name)
        if name in functions and name in API_NAMES[language]:
            protected.add(name)
        if name.startswith("__") or len(name) < 2 or _matches_rule(regexes, name):
            protected.add(name)
    # Rule words stay, except project functions the rule calls by name.
    protected |= rule_words - (rule_calls & functions)

    defined = {name for name, r in roles.items() if r & {"def_func", "def_method", "def_var", "def_global"}}
    mapping: dict[str, str] = {}
    used = set(taken)
    for name in sorted(defined - protected):
        for new in synonym_names(name, rng):
            if new in used or new in BUILTIN_NAMES[language] or new in API_NAMES[language] or _matches_rule(regexes, new):
                continue
            mapping[name] = new
            used.add(new)
            break
    return mapping, functions & set(mapping), rule_words & set(mapping)


def _edits(occs: list[Occurrence], mapping: dict[str, str], functions: set[str]) -> list[Edit]:
    edits: list[Edit] = []
    for occ in occs:
        new = mapping.get(occ.name)
        if new is None:
            continue
        if occ.role in _RENAMED_ROLES or (occ.role == "member" and occ.name in functions):
            edits.append(Edit(occ.start, occ.end, new))
        elif occ.role == "shorthand":
            # `{ name }` is key and value at once: a function keeps key and value together
            # (its uses as `module.name` are renamed too); a variable keeps its key.
            edits.append(Edit(occ.start, occ.end, new if occ.name in functions else f"{occ.name}: {new}"))
    return edits


def _comment_edits(src: Source, mapping: dict[str, str]) -> list[Edit]:
    """Renamed names mentioned in comments (``// Within joins...``) follow the code.

    Plain lowercase words are left: in prose "the path" is English, not a variable."""
    names = [n for n in mapping if not n.islower()]
    if not names:
        return []
    pattern = re.compile(r"(?<![\w$])(" + "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))) + r")(?!\w)")
    edits: list[Edit] = []
    for node in walk(src.root):
        if node.type in ("comment", "line_comment", "block_comment"):
            start, _ = src.span(node)
            for match in pattern.finditer(src.of(node)):
                edits.append(Edit(start + match.start(), start + match.end(), mapping[match.group(1)]))
    return edits


def rename(case: Case, rng: random.Random) -> Case:
    """Rename project identifiers consistently in every file, variant and the rule.

    Raises:
        NotApplicable: no identifier could be renamed safely.
    """
    mapping, functions, in_rule = plan_renames(case, rng)
    if not mapping:
        raise NotApplicable("no project identifier can be renamed safely")
    modules = project_modules(case)
    files = dict(case.files)
    for path in sorted(files):
        if path == case.vuln_file or language_of_file(path) != case.language:
            continue
        src = Source(case.language, files[path])
        edits = _edits(occurrences(src, modules), mapping, functions) + _comment_edits(src, mapping)
        files[path] = apply_edits(src.text, edits)[0]

    def transform(text: str, region: Region) -> tuple[str, Region]:
        src = Source(case.language, text)
        edits = _edits(occurrences(src, modules), mapping, functions) + _comment_edits(src, mapping)
        new_text, span = apply_edits(text, edits, region_bytes(text, region))
        assert span is not None
        return new_text, line_region(new_text, *span)

    vuln_text, region, variants = transform_variants(case, transform)
    files[case.vuln_file] = vuln_text
    rule = case.rule
    for old in sorted(in_rule):
        rule = re.sub(rf"(?<![\w$]){re.escape(old)}(?!\w)", mapping[old], rule)
    return replace_case(
        case, files=files, region=region, variants=variants, rule=rule,
        mutations=(*case.mutations, "rename"),
    )
