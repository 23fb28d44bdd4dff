"""Discovery of the bare mirrors under REPOS_ROOT."""
import os

from harbor.settings import REPOS_HOME


def gather_repos():
    """Names (without the .git suffix) of the bare repositories in REPOS_ROOT."""
    names = []
    for record in sorted(os.listdir(REPOS_HOME)):
        path = os.path.join(REPOS_HOME, record)
        if record.endswith(".git") and os.path.isfile(os.path.join(path, "HEAD")):
            names.append(record[: -len(".git")])
    return names


def repository_location(name):
    """Absolute path of the mirror called ``name``, or None if there is none."""
    if name not in gather_repos():
        return None
    return os.path.join(REPOS_HOME, name + ".git")
