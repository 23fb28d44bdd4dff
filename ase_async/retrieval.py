"""Repository context by BM25 (rank-bm25): which files does the masked code relate to?

One document per source file (its path plus its content). Tests, hidden paths, vendored
code and binaries are left out; so is the file under test, which the prompt shows masked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISLNK

import msgspec
import numpy as np
from rank_bm25 import BM25Okapi

from .instance import language_of_path

__all__ = ["RankedFile", "is_indexable", "rank_files", "tokenize"]

_WORD = re.compile(r"[A-Za-z][a-z]+|[A-Z]+(?![a-z])|[0-9]+|[a-z]+")
_SKIP_DIRS = {"node_modules", "vendor", "third_party", "dist", "build", "target", "__pycache__"}
_TEST_DIRS = {"test", "tests", "__tests__", "spec", "specs", "testdata", "testing"}
_TEST_FILE = re.compile(
    r"(^test_.*\.py$|.*_test\.(py|go)$|.*\.(test|spec)\.[cm]?[jt]sx?$|.*Tests?\.java$|.*Test\.php$)"
)
_MAX_BYTES = 512 * 1024


class RankedFile(msgspec.Struct, frozen=True):
    path: str
    score: float


class _PostedBM25(BM25Okapi):
    """rank-bm25's Okapi scores, each term's column built once from postings.

    ``BM25Okapi.get_scores`` builds every query word's frequency column by walking all the
    documents in Python, again for each repeat of the word; on a repository that is most
    of a prompt's CPU. The arithmetic here is the library's, operation for operation and in
    the same order, so the scores are the same to the last bit.
    """

    def get_scores(self, query: list[str]) -> np.ndarray:
        postings: dict[str, tuple[list[int], list[int]]] = {}
        wanted = set(query)
        for index, frequencies in enumerate(self.doc_freqs):
            for word in wanted.intersection(frequencies):
                where, counts = postings.setdefault(word, ([], []))
                where.append(index)
                counts.append(frequencies[word])
        score = np.zeros(self.corpus_size)
        doc_len = np.array(self.doc_len)
        # the length normalisation does not depend on the word: the same values, computed once
        norm = self.k1 * (1 - self.b + self.b * doc_len / self.avgdl)
        columns: dict[str, np.ndarray] = {}
        for q in query:
            column = columns.get(q)
            if column is None:
                q_freq = np.zeros(self.corpus_size, dtype=np.int_)  # the library's np.array of ints
                if q in postings:
                    where, counts = postings[q]
                    q_freq[where] = counts
                column = columns[q] = (self.idf.get(q) or 0) * (q_freq * (self.k1 + 1) / (q_freq + norm))
            score += column
        return score


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def tokenize(text: str) -> list[str]:
    """Words for BM25: identifiers split at camelCase, snake_case and punctuation."""
    return [w.lower() for w in _WORD.findall(text) if len(w) > 1]


def is_indexable(relative_path: str) -> bool:
    """Whether a repository file is a candidate for the context."""
    parts = relative_path.split("/")
    if any(p.startswith(".") for p in parts):
        return False
    if any(p in _SKIP_DIRS or p.lower() in _TEST_DIRS for p in parts[:-1]):
        return False
    name = parts[-1]
    if _TEST_FILE.match(name):
        return False
    return language_of_path(name) is not None or name.endswith(
        (".html", ".twig", ".tmpl", ".ejs", ".jinja", ".jinja2", ".sql", ".json", ".yaml", ".yml", ".xml")
    )


def iter_repository(root: Path) -> Iterable[str]:
    """Relative, ``/``-separated paths of every indexable file, in a stable order."""
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(directory, root)
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir.replace(os.sep, '/')}/{name}"
            if is_indexable(rel):
                found.append(rel)
    return sorted(found)


def rank_files(
    root: Path, query: str, *, exclude: Iterable[str] = ()
) -> list[tuple[RankedFile, str]]:
    """Rank the repository's files against ``query``, best first, with their text.

    Files with a zero score are kept at the end (in path order) so that a small budget
    still fills with something; ties are broken by path for determinism.
    """
    excluded = set(exclude)
    # an excluded file is left out under every name: a hard link shares its inode
    excluded_ids = {(stat.st_dev, stat.st_ino) for stat in map(_stat, (root / rel for rel in excluded)) if stat}
    paths: list[str] = []
    texts: list[str] = []
    for rel in iter_repository(root):
        if rel in excluded:
            continue
        file = root / rel
        try:
            found = file.lstat()  # a link is never followed: its target may be outside
            if S_ISLNK(found.st_mode) or found.st_size > _MAX_BYTES or (found.st_dev, found.st_ino) in excluded_ids:
                continue
            raw = file.read_bytes()
        except OSError:
            continue
        if b"\0" in raw:
            continue
        paths.append(rel)
        texts.append(raw.decode("utf-8", "replace"))
    if not paths:
        return []
    corpus = [tokenize(p + "\n" + t) for p, t in zip(paths, texts, strict=True)]
    # BM25Okapi divides by the average document length; guard the all-empty corpus.
    if not any(corpus):
        return [(RankedFile(p, 0.0), t) for p, t in zip(paths, texts, strict=True)]
    scores = _PostedBM25(corpus).get_scores(tokenize(query))
    order = sorted(range(len(paths)), key=lambda i: (-scores[i], paths[i]))
    return [(RankedFile(paths[i], float(scores[i])), texts[i]) for i in order]
