"""Running git against a mirror."""
import subprocess

from harbor.settings import GIT_BIN, GIT_TIMEOUT


def run_git(repo_dir, *args, timeout=GIT_TIMEOUT):
    """Run ``git -C repo_dir <args...>`` and return the CompletedProcess.

    Arguments are passed to git as a list, never through a shell. Output is
    decoded as text; a non-zero exit status is left for the caller to handle.
    ``subprocess.TimeoutExpired`` propagates when git takes too long.
    """
    return subprocess.run(
        [GIT_BIN, "-C", repo_dir, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
