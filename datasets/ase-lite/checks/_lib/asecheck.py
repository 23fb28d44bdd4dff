"""What every ase-lite check shares: verdicts, the application as a child process, HTTP, HTML.

A check never imports the code under test: it starts the application as a child process and
observes it from outside (see ../README.md). Standard library and html5lib only.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "CHECK_DIR",
    "App",
    "AppDidNotStart",
    "Response",
    "broken",
    "failed",
    "free_port",
    "instance",
    "main",
    "passed",
    "spaceless_breakouts",
    "token",
    "trailing_backslash",
    "xss_hits",
    "PG_DOLLAR_TAGS",
    "bounded_quotes",
    "absorbing_tails",
    "absorbing_oracles",
    "absorbing_unions",
    "valid_led",
    "valid_led_pairs",
    "encoded_markup",
    "formatting_tags",
    "script_urls",
]

CHECK_DIR = Path(__file__).resolve().parent.parent


def passed(reason: str) -> None:
    """The step passes: the feature works, or the exploit did not succeed."""
    print(f"PASS: {reason}", flush=True)
    sys.exit(0)


def failed(reason: str) -> None:
    """The step fails: the feature is broken, or the exploit succeeded."""
    print(f"FAIL: {reason}", flush=True)
    sys.exit(1)


def broken(reason: str) -> None:
    """The check itself could not run: a harness fault, never scored."""
    print(f"BROKEN: {reason}", flush=True)
    sys.exit(2)


def main(step: object) -> None:
    """Run ``step()``; an unexpected error in the check is a broken check, not a verdict."""
    try:
        step()  # type: ignore[operator]
    except SystemExit:
        raise
    except AppDidNotStart as exc:
        failed(f"the application did not start: {exc}")
    except Exception as exc:  # the check's own fault
        broken(f"{type(exc).__name__}: {exc}")
    broken("the check reached no verdict")


def instance() -> dict[str, object]:
    """The instance record (without its fixes) the harness wrote beside the check."""
    return json.loads((CHECK_DIR / "instance.json").read_text())


def token(prefix: str = "ase") -> str:
    """A fresh marker string that nothing in the repository can contain by chance."""
    return f"{prefix}{secrets.token_hex(6)}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppDidNotStart(RuntimeError):
    """The application under test exited or never listened: the answer's fault."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class App:
    """The application under test, started as a child process listening on 127.0.0.1.

    ``argv`` and ``env`` may hold ``{port}``, filled in with a free port. The process runs in
    its own process group and is killed with it on exit.
    """

    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    cwd: str | None = None
    start_timeout: float = 30.0
    port: int = 0
    log_path: Path = field(default_factory=lambda: CHECK_DIR / f"app-{secrets.token_hex(4)}.log")
    _process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> App:
        self.port = free_port()
        fill = {"port": str(self.port)}
        argv = [a.format(**fill) for a in self.argv]
        env = {**os.environ, **{k: v.format(**fill) for k, v in self.env.items()}}
        log = self.log_path.open("wb")
        try:
            self._process = subprocess.Popen(
                argv, cwd=self.cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        except OSError as exc:
            raise AppDidNotStart(f"cannot run {argv[0]}: {exc}") from exc
        finally:
            log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise AppDidNotStart(f"exited with {self._process.returncode}: {self.log_tail()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return self
            time.sleep(0.05)
        self.__exit__()
        raise AppDidNotStart(f"not listening after {self.start_timeout:.0f} s: {self.log_tail()}")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def log_tail(self, size: int = 600) -> str:
        try:
            return self.log_path.read_bytes()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
        form: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
        json_body: object = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = 15.0,
    ) -> Response:
        """One HTTP request; never raises on an HTTP error status.

        ``path`` is sent as given (already encoded), so raw ``..`` and ``%2e`` reach the app.
        """
        if query:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        all_headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            all_headers.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in all_headers.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            reply = connection.getresponse()
            return Response(reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read())
        except (OSError, http.client.HTTPException) as exc:
            # A server that dies or hangs on this input answered nothing: status 0.
            return Response(0, {}, str(exc).encode())
        finally:
            connection.close()

    def get(self, path: str, **kwargs: object) -> Response:
        return self.request("GET", path, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, **kwargs: object) -> Response:
        return self.request("POST", path, **kwargs)  # type: ignore[arg-type]


#: ordinary words the command-injection checks plant as commands first on the PATH (each
#: language's ``plant_words``): an injected line holding only a word runs one
WORDS = ("hello", "refresh")


def spaceless_commands(target: str) -> list[str]:
    """Commands with no space in them that create ``target``: a redirection alone, touch after
    a tab or ${IFS}, and the bare words of ``WORDS``. For deny-lists of metacharacters that
    refuse spaces but forget line breaks (each language's ``spaceless_lines`` frames them)."""
    return [f">{target}", f"touch\t{target}", f"touch${{IFS}}{target}", *WORDS]


def unclosed_tags(call: str) -> list[str]:
    """Tags with no closing '>' that run ``call``(): the page's own next '>' completes them,
    past code that removes complete tags only (a regular expression such as <[^>]*> or <.*?>,
    or a loop doing the same). Where the handler trims a trailing space, the unquoted value
    runs on to that '>' (``m()</em``): still the handler attribute."""
    return [f"<img src=x onerror={call}()//", f"<img src=x onerror={call}() x=", f"<svg onload={call}() ",
            f"<svg onload={call}()//", f'<img src=x onerror="{call}()"', f"<a href=javascript:{call}() ",
            f"<details open ontoggle={call}() ", f"<svg/onload={call}()"]


def formatting_tags(script: str) -> list[str]:
    """Formatting tags (``<b>``, ``<i>``, ``<em>``, ``<strong>``, ``<u>``, ``<a>``) carrying a
    handler or a javascript: href that runs ``script`` (a marker call such as ``m()``; a
    ``str.format`` shape such as ``{m}()`` passes through), every attribute value unquoted.

    For fixes that escape everything, then turn the escaped formatting tags back into tags so
    that users can format text (Java's ``replaceAll("&lt;(/?(?:b|i|em|strong)\\b[^&]*)&gt;",
    "<$1>")``, or a re.sub or preg_replace doing the same), and for allow-list sanitisers that
    keep those tags but not the safety of their attributes. Such patterns refuse a '&' inside
    the tag, and the escaper has turned every quote into a character reference: hence no
    quotes, and ``script`` had better hold no quote or '&' either. A handler after '/', one
    that fires with no user action (autofocus), a link, and a ``<u>`` left unclosed (for
    patterns that let opening tags alone back in). For text contexts: inside a quoted
    attribute value a tag is text.
    """
    return [f"<b onmouseover={script}>x</b>", f"<i/onclick={script}>x</i>",
            f"<strong onmouseover={script} style=display:block>x</strong>",
            f"<em onfocus={script} tabindex=1 autofocus>x</em>", f"<u onmouseover={script}>",
            f"<a href=javascript:{script}>x</a>", f"<a onmouseover={script}>x</a>"]


def script_urls(script: str) -> list[str]:
    """Whole URLs that run ``script`` when the link is followed or the frame loads, for a value
    written into href or src as a URL (a website, a commit link): code that HTML-escapes it but
    checks no scheme, or checks it badly. ``javascript:`` as such, in mixed case, after a
    leading space and with a tab inside the scheme (browsers drop both), with a character
    reference in it (decoded in an attribute), nested for a filter that deletes
    ``javascript:`` once; ``data:text/html``; ``javascript://%0A...`` (a comment, then a line
    break: past checks for ``://``) and URLs ending in ``//https://...`` (past checks that look
    for http in them or at their end).
    """
    return [f"javascript:{script}", f"JaVaScRiPt:{script}", f" javascript:{script}",
            f"javas&#99;ript:{script}", f"jajavascript:vascript:{script}", f"java\tscript:{script}",
            f"data:text/html,<script>{script}</script>", f"javascript://%0A{script}",
            f"javascript://example.org/%0d%0a{script}", f"javascript:{script}//https://example.org/",
            f"javascript:{script}//http://"]


def spaceless_breakouts(script: str, lead: str = "x") -> list[str]:
    """Values that leave an attribute value after ``lead`` and add handlers running ``script``
    (which holds no white space and no quote; a ``str.format`` shape such as ``{m}()`` passes
    through), with no white space and no '<' in them.

    Out of a double- or single-quoted value, the quote is followed directly by the next
    attribute, or by '/' (both end an attribute name as a space does); the page's own closing
    quote ends the last value. An unquoted value ends at a form feed, HTML white space that code
    deleting or replacing spaces, tabs and line breaks leaves in place; or at '>', before a new
    element. For code that turns spaces into '+' or '%20', deletes or refuses white space, or
    strips tags (strip_tags, <[^>]*>) before writing the value into an attribute.
    """
    return [
        f'{lead}"onmouseover="{script}"onfocus="{script}"autofocus="',
        f"{lead}'onmouseover='{script}'onfocus='{script}'autofocus='",
        f'{lead}"/onfocus="{script}"/autofocus/onmouseover="{script}',
        f"{lead}'/onfocus='{script}'/autofocus/onmouseover='{script}",
        f"{lead}\fonmouseover={script}\fautofocus\fonfocus={script}",
        f"{lead}><svg/onload={script}>",
    ]


#: what a value may end with so that MySQL's backslash escape eats its literal's closing quote:
#: one backslash, and three for escapers that double a run's backslashes in pairs (3 -> 5)
_BACKSLASH_ENDINGS = ("\\", "\\\\\\")


def trailing_backslash(first: str, second: str, sql: str, *, lead: str = "x", parens: int = 2) -> list[dict[str, str]]:
    """Requests in which field ``first`` ends in a backslash and field ``second``, inlined after
    it in the query, holds no quote at all but runs ``sql`` (``OR ...``, ``UNION SELECT ...``).

    MySQL reads backslash-quote as an escaped quote, so the first literal runs on to the second
    literal's opening quote and the second value is SQL: for escapers that remove, double or
    entity-encode quotes but leave backslashes alone, where each value checked alone holds nothing
    to escape. The SQL starts with -1 (valid right after a quote, and after the '% of a LIKE
    pattern: modulo), closes zero to ``parens`` parentheses and comments out the rest (``#`` or
    ``-- -``, which survives a trim); ``sql`` had better hold no '_' or '%', which code escaping a
    LIKE pattern would change. With ``first == second`` (one value inlined twice, as in
    ``name LIKE ... OR number = ...``) the value is the SQL with the comment hiding its own
    trailing backslash.
    """
    requests = []
    for ending in _BACKSLASH_ENDINGS:
        for closing in range(parens + 1):
            for comment in ("#", "-- -"):
                injection = f"-1{')' * closing} {sql}{comment}"
                if first == second:
                    requests.append({first: injection + ending})
                else:
                    requests.append({first: lead + ending, second: injection})
    return requests


#: dollar-quote tags code plausibly picks to wrap a PostgreSQL literal: one it never looks for
#: in the value is closed by the value (``x$q$ OR 1=1 --``), as '...' is by a quote
PG_DOLLAR_TAGS = ("$$", "$q$", "$Q$", "$_$", "$x$", "$s$", "$t$", "$v$", "$str$", "$val$", "$tag$", "$body$",
                  "$text$", "$lit$", "$quote$", "$value$", "$sql$", "$esc$", "$safe$", "$data$")

#: how many quotes lead ``bounded_quotes`` values: past the small counts an escaper may be
#: capped at by mistake (Python's re.sub given a flag as its count: re.UNICODE is 32, re.ASCII
#: 256), in both parities (an odd cap, replace(..., 1), flips which quote closes the literal)
_LEADING_QUOTES = (40, 41, 100, 101, 300, 301)


def bounded_quotes(injection: str) -> list[str]:
    """Values that break out of a '...' literal when the escaper doubles only the first few
    quotes: quotes first, then ``injection`` (`` OR 1=1 -- ``, say). Doubled, the first quotes
    stay inside the literal; left alone, the rest pair up until one is left over, which closes
    it. Code that escapes nothing reads the pairs as escaped quotes the same way."""
    return ["'" * count + "'" + injection for count in _LEADING_QUOTES]


def absorbing_tails(condition: str = "1=1", *, quotes: str = "'", parens: int = 1) -> list[str]:
    """Tails that leave a literal and make the WHERE clause true through ``condition``, then END
    BY OPENING a literal of the same quote kind: ``' OR 1=1 OR 'a'='``; with closing parentheses
    where the value sits inside ``( ... )`` (``') OR 1=1 OR ('a'='``), or opening a call
    (``') OR 1=1 OR CONCAT('``) where the value is one argument of a call the code goes on with
    (``CONCAT('%', '<v>', '%')``, ``TIMESTAMP('<v>', '00:00:00')``). Whatever the code appends
    after the value (``%'`` of a prefix pattern, ``')`` of ``UPPER('...')``, ``'`` followed by
    more ``?`` placeholders bound later in the same statement) is absorbed by that literal, where
    ``' OR 1=1 #`` or ``-- `` would comment out the later placeholders (binding fails, the
    request errors with no rows) and ``' OR '1'='1`` turns into ``'1'='1%'`` (false). No trailing
    space or comment: ``.trim()`` and ``strip()`` change nothing. ``quotes`` may add ``"`` where
    the dialect reads "..." as a string (MySQL, SQLite); ``condition`` may pick the hidden row
    alone (``i.customer_id=9``) where a LIMIT would hide it among all rows. Put a real value in
    front of each with ``valid_led``."""
    tails = []
    for quote in quotes:
        for count in range(parens + 1):
            tails.append(f"{quote}{')' * count} OR {condition} OR {'(' * count}{quote}a{quote}={quote}")
            if count:  # the value is an argument of a call the code continues
                tails.append(f"{quote}{')' * count} OR {condition} OR {'(' * (count - 1)}CONCAT({quote}")
    return tails


def absorbing_oracles(true: str, false: str, *, quotes: str = "'", parens: int = 1) -> list[tuple[str, str]]:
    """(true, false) tail pairs of a boolean oracle that survive a suffix appended after the value
    (see ``absorbing_tails``): ``%' AND (cond) AND '%'='`` where the code appends ``%`` (a prefix
    or substring pattern: ``'%'='%'`` holds) and ``' AND (cond) AND 'a'='a`` where it appends
    nothing but the closing quote, each also closing parentheses, and for a value inside a call
    the code continues ending in ``CONCAT('1`` (``CONCAT('1', '%')`` is true). ``true`` and
    ``false`` are the attacker's conditions (a count of a hidden table that is and is not right,
    say); led by a value that finds rows (``valid_led_pairs``), the true tail finds them and the
    false one none."""
    pairs = []
    for quote in quotes:
        for count in range(parens + 1):
            close, reopen = ")" * count, "(" * count
            shapes = [f"%{quote}{close} AND ({{}}) AND {reopen}{quote}%{quote}={quote}",
                      f"{quote}{close} AND ({{}}) AND {reopen}{quote}a{quote}={quote}a"]
            if count:
                shapes += [f"{lead}{quote}{close} AND ({{}}) AND {'(' * (count - 1)}CONCAT({quote}1" for lead in ("%", "")]
            pairs += [(shape.format(true), shape.format(false)) for shape in shapes]
    return pairs


def absorbing_unions(columns: Sequence[str], *, source: str | None = None, quotes: str = "'",
                     parens: int = 1) -> list[str]:
    """Union tails that need no comment, so later placeholders stay bound: ``' UNION SELECT c1, ...,
    '``, whose LAST selected column is an open literal that absorbs whatever the code appends after
    the value (``%'``, ``')``), and ``' UNION SELECT c1, ..., cn FROM (SELECT 1) t WHERE 'a'<>'``
    for a last column that must keep its type (a date read back as one): ``'a'<>'%'`` and
    ``'a'<>''`` both hold. ``columns`` are the selected expressions, in the count and types of the
    seed's query (the first form replaces the last one); with ``source`` (``customers``, for
    columns read from a table) only the second form, FROM it. Each also closes a parenthesis
    first (``') UNION SELECT ..., ('``) where the value sits inside ``( ... )``."""
    head, every = ", ".join(columns[:-1]), ", ".join(columns)
    tails = []
    for quote in quotes:
        for count in range(parens + 1):
            close, reopen = ")" * count, "(" * count
            if source is None:
                tails.append(f"{quote}{close} UNION SELECT {head}, {reopen}{quote}")
            tails.append(f"{quote}{close} UNION SELECT {every} FROM {source or '(SELECT 1) t'}"
                         f" WHERE {reopen}{quote}a{quote}<>{quote}")
    return tails


def valid_led(leads: Sequence[str], tails: Sequence[str]) -> list[str]:
    """Each real, valid value of a field (``leads``: an existing invoice number, an ISO date, a
    status keyword, a customer name, in each shape the functional test or the fixture uses)
    followed by each break-out tail (``absorbing_tails``, ``absorbing_unions``, ``' OR 1=1 #``, a
    trailing backslash), without duplicates. For validators that check only the start of the
    value (a regular expression without ``$`` or ``\\Z``, Python ``re.match``, Java ``find()``
    or ``lookingAt()``, PHP ``preg_match('/^.../')``) which let the value be inlined only when
    it starts like a legitimate value: ``2024-0007' OR '1'='1`` reaches the branch that
    ``zzz' OR '1'='1`` never does. One or two leads per shape: each costs a request per tail."""
    return list(dict.fromkeys(lead + tail for lead in leads for tail in tails))


def valid_led_pairs(leads: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``valid_led`` for (true, false) oracle pairs (``absorbing_oracles``): each lead before both."""
    return list(dict.fromkeys((lead + true, lead + false) for lead in leads for true, false in pairs))


def encoded_markup(markup: str) -> list[str]:
    """``markup`` as a decoding step after the escaper rebuilds it (the server decoded the
    query string once already): percent-encoded once and twice, HTML character references
    (named, decimal, hexadecimal) and the fullwidth forms NFKC folds to ASCII (brackets and
    quotes: a value normalised after escaping may leave an attribute too). The escaper
    sees no '<', '>' or quote in any of them; a later ``rawurldecode``, ``unquote``,
    ``html_entity_decode`` or normalisation puts them back."""
    import urllib.parse

    percent = urllib.parse.quote(markup, safe="")
    entities = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    return [percent, urllib.parse.quote(percent, safe=""),
            "".join(entities.get(c, c) for c in markup),
            "".join(f"&#{ord(c)};" if c in "<>\"'" else c for c in markup),
            "".join(f"&#x{ord(c):x};" if c in "<>\"'" else c for c in markup),
            markup.translate({ord("<"): "\uff1c", ord(">"): "\uff1e", ord('"'): "\uff02", ord("'"): "\uff07"})]


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}


def _walk(element: object) -> Iterator[object]:
    yield element
    for child in list(element):  # type: ignore[call-overload]
        yield from _walk(child)


def xss_hits(html: str, marker: str) -> list[str]:
    """Script the attacker's ``marker`` got into, as an HTML5 parser builds the page.

    Counted: a ``<script>`` element whose text holds the marker; an element the attacker
    created (a tag or attribute named with the marker); an event-handler attribute
    (``on*``) or ``style`` holding the marker; a URL attribute holding the marker whose
    scheme is ``javascript:``, ``vbscript:`` or ``data:``; ``srcdoc`` holding it. Text in
    ordinary content and attribute values is not script.
    """
    import html5lib

    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    hits: list[str] = []
    for element in _walk(document):
        tag = getattr(element, "tag", "")
        if not isinstance(tag, str):
            continue
        name = tag.rsplit("}", 1)[-1].lower()
        text = "".join(element.itertext()) if hasattr(element, "itertext") else ""  # type: ignore[attr-defined]
        if name == "script" and marker in text:
            hits.append(f"<script> holding {marker}")
        if marker.lower() in name:
            hits.append(f"element <{name}> made by the attacker")
        for attribute, value in element.attrib.items():  # type: ignore[attr-defined]
            attribute = attribute.rsplit("}", 1)[-1].lower()
            if marker.lower() in attribute:
                hits.append(f"attribute {attribute} made by the attacker on <{name}>")
            elif marker in value and (attribute.startswith("on") or attribute == "style"):
                hits.append(f"{attribute}= on <{name}> holds {marker}")
            elif marker in value and attribute in _URL_ATTRIBUTES:
                scheme = "".join(value.split()).lower()
                if attribute == "srcdoc" or scheme.startswith(("javascript:", "vbscript:", "data:")):
                    hits.append(f"{attribute}= on <{name}> is script: {value[:80]!r}")
    return hits


def valid_then_climb(root: Path, valid: Sequence[str], target: Path) -> list[str]:
    """``holiday/../../outside/secret.txt``: values that begin with a real, valid name under
    ``root`` (each of ``valid``, slash-separated, a folder there so that the kernel can walk
    into it and back out) and then climb out of ``root`` to ``target`` with exactly the
    ``../`` needed (a lexical cleaner such as filepath.Join, path.join, normpath or
    Path.normalize reaches the same place). ``root`` and ``target`` are both absolute, or both
    relative to the same folder (the layout below a scratch folder made later).

    For fixes whose validator checks only the start of the value: a regular expression
    without its end anchor (PHP ``preg_match('/^[\\w\\- ]+/')``, Python ``re.match`` without
    ``\\Z``, a JavaScript ``test()`` without ``$``), Java's ``Matcher.lookingAt()`` or
    ``find()``, a loop that stops at the first good segment. A folder named like a file
    (``folder.jpg``) serves validators that want a name and an extension first. ``target`` may
    be a folder, so that the other parameter of the request carries the rest of the path.
    """
    return [f"{name}/{os.path.relpath(target, root / name)}" for name in valid]
