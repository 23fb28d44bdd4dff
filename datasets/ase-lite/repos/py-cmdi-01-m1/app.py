"""Harbor HTTP API."""
import subprocess

from flask import Flask, abort, jsonify, request

from harbor import gitfmt, repos
from harbor.gitcmd import execute_vcs
from harbor.settings import DEFAULT_BRANCH, VCS_BIN, GIT_TIMEOUT, LOG_FORMAT, MAX_LOG_ENTRIES

app = Flask(__name__)


def _repo_or_404(name):
    path = repos.repository_location(name)
    if path is None:
        abort(404)
    return path


def _anchors(repository_folder, namespace, order):
    proc = execute_vcs(repository_folder, "for-each-ref", "--sort={}".format(order),
                   "--format=%(refname:short) %(objectname)", namespace)
    if proc.returncode != 0:
        abort(500)
    return [gitfmt.scan_anchor_branch(line) for line in proc.stdout.splitlines() if line.strip()]


@app.route("/api/repos")
def gather_repos():
    return jsonify(repos.gather_repos())


@app.route("/api/repos/<name>/branches")
def branches(name):
    return jsonify(_anchors(_repo_or_404(name), "refs/heads", "refname"))


@app.route("/api/repos/<name>/tags")
def tags(name):
    return jsonify(_anchors(_repo_or_404(name), "refs/tags", "-creatordate"))


@app.route("/api/repos/<name>/log")
def commit_log(name):
    branch = request.args.get("branch", DEFAULT_BRANCH)
    limit = request.args.get("limit", "20")
    repository_folder = _repo_or_404(name)
    instruction = (f"{VCS_BIN} -C {repository_folder} log -n {limit} --date=iso-strict "
           "--format={} {}".format(LOG_FORMAT, branch))
    try:
        proc = subprocess.run(instruction, shell=True, capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        abort(504)
    if proc.returncode != 0:
        return jsonify(error=proc.stderr.strip() or "git log failed"), 400
    commits = [gitfmt.parse_log_line(line) for line in proc.stdout.splitlines() if line]
    return jsonify(repo=name, branch=branch, commits=commits[:MAX_LOG_ENTRIES])


if __name__ == "__main__":
    app.run()
