"""Discovery of the bare mirrors under REPOS_ROOT."""
import os

from harbor.settings import REPOS_ROOT


def list_repos():
    """Names (without the .git suffix) of the bare repositories in REPOS_ROOT."""
    names = []
    for entry in sorted(os.listdir(REPOS_ROOT)):
        path = os.path.join(REPOS_ROOT, entry)
        if entry.endswith(".git") and os.path.isfile(os.path.join(path, "HEAD")):
            names.append(entry[: -len(".git")])
    return names


def repo_path(name):
    """Absolute path of the mirror called ``name``, or None if there is none."""
    if name not in list_repos():
        return None
    return os.path.join(REPOS_ROOT, name + ".git")
