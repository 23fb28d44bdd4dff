"""New names for renamed identifiers: synonyms, in the old name's spelling style.

A renamed project should read like a project someone wrote, not like obfuscated code, so
each word of a name is swapped for a synonym (``load_user`` -> ``fetch_member``) and the
words are joined back the way the old name was written (snake_case, camelCase,
PascalCase, UPPER_CASE, with its leading underscores). Names without a known word are
left alone.
"""

from __future__ import annotations

import random
import re

__all__ = ["SYNONYMS", "join_words", "split_words", "synonym_names"]

# Groups of interchangeable words; each word maps to the others of its group. Kept
# sorted inside a group so the table (and so every choice) does not depend on dict order.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("fetch", "get", "load", "read", "retrieve"),
    ("find", "locate", "lookup", "search"),
    ("list", "collect", "gather"),
    ("make", "build", "compose", "create"),
    ("save", "persist", "store", "write"),
    ("remove", "delete", "drop", "erase"),
    ("update", "modify", "change"),
    ("show", "display", "present", "view"),
    ("render", "draw", "emit", "paint"),
    ("handle", "process", "serve"),
    ("check", "verify", "validate", "ensure"),
    ("parse", "decode", "scan"),
    ("send", "deliver", "dispatch"),
    ("run", "execute", "invoke", "launch"),
    ("start", "begin", "open"),
    ("count", "tally", "total"),
    ("user", "account", "member", "person"),
    ("item", "entry", "element", "record"),
    ("file", "document", "blob"),
    ("name", "label", "title"),
    ("path", "location", "route"),
    ("dir", "folder", "directory"),
    ("root", "base", "home"),
    ("id", "key", "ident"),
    ("query", "request", "lookup"),
    ("sql", "statement", "stmt"),
    ("db", "database", "store"),
    ("conn", "connection", "link"),
    ("row", "tuple", "line"),
    ("result", "outcome", "output", "res"),
    ("results", "matches", "hits", "outcomes"),
    ("page", "screen", "sheet"),
    ("html", "markup", "page"),
    ("text", "content", "body", "string"),
    ("msg", "message", "note"),
    ("message", "notice", "note"),
    ("comment", "remark", "reply"),
    ("post", "article", "entry"),
    ("issue", "ticket", "task"),
    ("project", "product", "workspace"),
    ("config", "settings", "options", "prefs"),
    ("cfg", "conf", "settings"),
    ("error", "failure", "fault"),
    ("err", "fail", "fault"),
    ("info", "details", "data", "meta"),
    ("data", "payload", "info"),
    ("value", "val", "amount"),
    ("values", "vals", "entries"),
    ("params", "args", "bindings"),
    ("param", "arg", "input"),
    ("filter", "criteria", "condition"),
    ("filters", "criteria", "conditions"),
    ("sort", "order", "ordering"),
    ("limit", "cap", "max"),
    ("size", "length", "width"),
    ("tag", "label", "topic"),
    ("tags", "labels", "topics"),
    ("search", "lookup", "seek"),
    ("term", "keyword", "phrase"),
    ("cmd", "command", "instruction"),
    ("command", "instruction", "directive"),
    ("output", "out", "stdout"),
    ("target", "dest", "destination"),
    ("source", "src", "origin"),
    ("upload", "attachment", "incoming"),
    ("download", "export", "retrieval"),
    ("report", "summary", "digest"),
    ("log", "journal", "trace"),
    ("logger", "journal", "tracer"),
    ("helper", "util", "support"),
    ("util", "helper", "tool"),
    ("utils", "helpers", "tools"),
    ("handler", "controller", "processor"),
    ("service", "manager", "provider"),
    ("repo", "repository", "store"),
    ("repository", "gateway", "mapper"),
    ("store", "registry", "catalog"),
    ("server", "host", "backend"),
    ("client", "consumer", "caller"),
    ("app", "application", "site"),
    ("api", "endpoint", "service"),
    ("url", "address", "uri", "link"),
    ("link", "anchor", "ref"),
    ("links", "anchors", "refs"),
    ("card", "tile", "panel"),
    ("form", "panel", "sheet"),
    ("field", "slot", "column"),
    ("col", "column", "field"),
    ("column", "field", "attribute"),
    ("columns", "fields", "attributes"),
    ("table", "grid", "relation"),
    ("header", "heading", "caption"),
    ("title", "caption", "heading"),
    ("escape", "encode", "quote"),
    ("safe", "clean", "sanitised"),
    ("clean", "tidy", "normalise"),
        ("convert", "transform", "translate"),
    ("export", "extract", "dump"),
    ("import", "ingest", "intake"),
    ("archive", "bundle", "package"),
    ("image", "picture", "photo"),
    ("thumb", "thumbnail", "preview"),
    ("media", "asset", "resource"),
    ("album", "collection", "gallery"),
    ("recipe", "dish", "formula"),
    ("invoice", "bill", "statement"),
    ("event", "occasion", "happening"),
    ("note", "memo", "jot"),
    ("host", "machine", "node"),
    ("ping", "probe", "poke"),
    ("status", "state", "condition"),
    ("date", "day", "when"),
    ("time", "moment", "instant"),
    ("new", "fresh", "next"),
    ("old", "prev", "former"),
    ("all", "every", "each"),
    ("current", "active", "present"),
    ("total", "sum", "aggregate"),
    ("index", "position", "slot"),
    ("num", "number", "count"),
    ("map", "mapping", "lookup"),
    ("set", "assign", "put"),
    ("add", "append", "insert"),
    ("init", "setup", "prepare"),
    ("setup", "prepare", "configure"),
    ("register", "enroll", "attach"),
    ("resolve", "locate", "pin"),
    ("inside", "within", "under"),
    ("safe", "guarded", "checked"),
    ("session", "visit", "context"),
    ("token", "ticket", "badge"),
    ("auth", "access", "login"),
    ("login", "signin", "logon"),
    ("share", "shared", "common"),
    ("report", "report", "review"),
    ("build", "assemble", "construct"),
    ("job", "task", "work"),
    ("git", "vcs", "scm"),
    ("branch", "line", "stream"),
    ("commit", "revision", "change"),
    ("backup", "snapshot", "copy"),
    ("diag", "diagnostic", "health"),
    ("diagnostics", "health", "checks"),
    ("stats", "metrics", "figures"),
    ("avatar", "portrait", "icon"),
    ("profile", "bio", "card"),
    ("entry", "record", "node"),
    ("book", "volume", "title"),
    ("author", "writer", "creator"),
    ("owner", "holder", "keeper"),
    ("group", "team", "circle"),
    ("customer", "client", "buyer"),
    ("purchase", "booking", "acquisition"),
    ("product", "article", "good"),
    ("price", "cost", "charge"),
    ("tmp", "scratch", "temp"),
    ("temp", "scratch", "interim"),
    ("workspace", "area", "space"),
    ("lib", "library", "kit"),
    ("view", "screen", "page"),
    ("views", "screens", "pages"),
    ("layout", "frame", "shell"),
    ("nav", "menu", "navbar"),
    ("menu", "navigation", "toolbar"),
    ("attr", "attribute", "prop"),
    ("opts", "options", "choices"),
    ("options", "choices", "switches"),
    ("flag", "switch", "toggle"),
    ("mode", "style", "kind"),
    ("type", "kind", "sort"),
    ("kind", "variety", "category"),
    ("category", "section", "class"),
    ("codec", "encoder", "coder"),
    ("bitrate", "rate", "quality"),
    ("episode", "segment", "chapter"),
    ("track", "song", "piece"),
    ("feed", "stream", "channel"),
)

SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in _GROUPS:
    for _word in _group:
        others = tuple(w for w in _group if w != _word)
        SYNONYMS[_word] = tuple(sorted(set(SYNONYMS.get(_word, ())) | set(others)))

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+")


def split_words(name: str) -> tuple[str, list[str], str]:
    """``__loadUserRows`` -> (``__``, [load, user, rows], style).

    Styles: ``snake``, ``upper`` (UPPER_SNAKE), ``camel``, ``pascal``, ``lower``
    (one lowercase word) and ``other`` (digits or mixed spellings we do not rebuild).
    """
    stripped = name.lstrip("_")
    prefix = name[: len(name) - len(stripped)]
    if not stripped:
        return prefix, [], "other"
    if "_" in stripped:
        parts = stripped.split("_")
        if all(p.isupper() or p.isdigit() for p in parts if p):
            style = "upper"
        elif all(p.islower() or p.isdigit() for p in parts if p):
            style = "snake"
        else:
            return prefix, [], "other"
        return prefix, [p.lower() for p in parts if p], style
    if stripped.isupper():
        return prefix, [stripped.lower()], "upper"
    words = _WORDS.findall(stripped)
    if "".join(words) != stripped:
        return prefix, [], "other"
    if len(words) == 1:
        return prefix, [stripped.lower()], "lower" if stripped.islower() else "pascal"
    style = "pascal" if stripped[0].isupper() else "camel"
    return prefix, [w.lower() for w in words], style


def join_words(prefix: str, words: list[str], style: str) -> str:
    """The inverse of :func:`split_words`."""
    if style == "snake" or style == "lower":
        return prefix + "_".join(words)
    if style == "upper":
        return prefix + "_".join(w.upper() for w in words)
    if style == "camel":
        return prefix + words[0] + "".join(w.capitalize() for w in words[1:])
    return prefix + "".join(w.capitalize() for w in words)


def synonym_names(name: str, rng: random.Random) -> list[str]:
    """Candidate new names for ``name``, most preferred first; empty when none exist.

    Every word with synonyms is swapped (one synonym drawn per word with ``rng``); later
    candidates draw again, so a collision with an existing name can be avoided.
    """
    prefix, words, style = split_words(name)
    if style == "other" or not any(w in SYNONYMS for w in words):
        return []
    candidates: list[str] = []
    for _ in range(6):
        new_words = [rng.choice(SYNONYMS[w]) if w in SYNONYMS else w for w in words]
        # Camel-case words joined back must not merge into a different word split.
        candidate = join_words(prefix, new_words, style)
        if candidate != name and candidate not in candidates:
            candidates.append(candidate)
    return candidates
