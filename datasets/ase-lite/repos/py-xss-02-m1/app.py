"""Beacon HTTP routes."""
from flask import Flask, abort, jsonify, render_template, request

from beacon import builds
from beacon.render import badge_html, log_link, status_dot
from beacon.settings import DEFAULT_STREAM, IMPORT_BADGE, KNOWN_STATUSES
from beacon.timefmt import age, format_duration

app = Flask(__name__, template_folder="beacon/templates")
app.jinja_env.globals.update(badge_html=badge_html, log_link=log_link, status_dot=status_dot,
                             format_duration=format_duration, age=age)


@app.route("/")
def dashboard():
    return render_template("dashboard.html", rows=builds.latest_per_stream())


@app.route("/projects/<project>")
def project_page(project):
    rows = builds.history(project)
    if not rows:
        abort(404)
    return render_template("project.html", project=project, rows=rows)


@app.route("/badge")
def badge():
    project = request.args.get("project", "")
    branch = request.args.get("branch", DEFAULT_STREAM)
    construct = builds.latest_construct(project, branch)
    status = construct["status"] if construct else "unknown"
    duration = construct["duration"] if construct else None
    snippet = badge_html(project, branch, status, duration)
    return render_template("badge.html", badge=snippet)


@app.route("/api/builds", methods=["POST"])
def intake():
    if not IMPORT_BADGE or request.headers.get("X-Beacon-Token") != IMPORT_BADGE:
        abort(401)
    data = request.get_json(force=True)
    if data.get("status") not in KNOWN_STATUSES:
        abort(400, "unknown status")
    construct_ident = builds.node_compose(
        data["project"], data.get("branch", DEFAULT_STREAM), data["status"],
        int(data.get("duration", 0)), data.get("log_url", ""), data.get("commit", ""),
    )
    return jsonify(id=construct_ident), 201


if __name__ == "__main__":
    app.run()
