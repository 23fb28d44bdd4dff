"""Harbor configuration."""
import os

REPOS_ROOT = os.path.abspath(os.environ.get("HARBOR_REPOS", "/srv/mirrors"))
GIT_BIN = os.environ.get("HARBOR_GIT", "git")
GIT_TIMEOUT = float(os.environ.get("HARBOR_GIT_TIMEOUT", "10"))
DEFAULT_BRANCH = os.environ.get("HARBOR_DEFAULT_BRANCH", "main")
MAX_LOG_ENTRIES = 200

# Fields separated by the ASCII unit separator, parsed by harbor.gitfmt.
LOG_FORMAT = "%H%x1f%an%x1f%ae%x1f%ad%x1f%s"
