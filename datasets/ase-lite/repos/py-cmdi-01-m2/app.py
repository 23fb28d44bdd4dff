"""Harbor HTTP API."""
import subprocess

from flask import Flask, abort, jsonify, request

from harbor import gitfmt, repos
from harbor.gitcmd import run_git
from harbor.settings import DEFAULT_BRANCH, GIT_BIN, GIT_TIMEOUT, LOG_FORMAT, MAX_LOG_ENTRIES

app = Flask(__name__)


@app.route("/api/repos")
def list_repos():
    return jsonify(repos.list_repos())


@app.route("/api/repos/<name>/tags")
def tags(name):
    return _tags_impl(name)


def _branches_unchecked(name):
    return jsonify(_refs(_repo_or_404(name), "refs/heads", "refname"))


def _repo_or_404(name):
    path = repos.repo_path(name)
    if path is None:
        abort(404)
    return path


def _refs(repo_dir, namespace, sort):
    proc = run_git(repo_dir, "for-each-ref", f"--sort={sort}",
                   "--format=%(refname:short) %(objectname)", namespace)
    if proc.returncode != 0:
        abort(500)
    return [gitfmt.parse_ref_line(line) for line in proc.stdout.splitlines() if line.strip()]


@app.route("/api/repos/<name>/log")
def commit_log(name):
    branch = request.args.get("branch", DEFAULT_BRANCH)
    limit = request.args.get("limit", "20")
    repo_dir = _repo_or_404(name)
    cmd = (f"{GIT_BIN} -C {repo_dir} log -n {limit} --date=iso-strict "
           f"--format={LOG_FORMAT} {branch}")
    try:
        proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        abort(504)
    if proc.returncode != 0:
        return jsonify(error=proc.stderr.strip() or "git log failed"), 400
    commits = [gitfmt.parse_log_line(line) for line in proc.stdout.splitlines() if line]
    return jsonify(repo=name, branch=branch, commits=commits[:MAX_LOG_ENTRIES])


def _tags_impl(name):
    return jsonify(_refs(_repo_or_404(name), "refs/tags", "-creatordate"))


@app.route("/api/repos/<name>/branches")
def branches(name):
    return _branches_unchecked(name)


if __name__ == "__main__":
    app.run()
