"""Beacon HTTP routes."""
from flask import Flask, abort, jsonify, render_template, request

from beacon.features import builds
from beacon.render import badge_html, log_link, status_dot
from beacon.settings import DEFAULT_STREAM, IMPORT_TICKET, KNOWN_STATUSES
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
    make = builds.latest_make(project, branch)
    status = make["status"] if make else "unknown"
    duration = make["duration"] if make else None
    snippet = badge_html(project, branch, status, duration)
    return render_template("badge.html", badge=snippet)


@app.route("/api/builds", methods=["POST"])
def intake():
    if not IMPORT_TICKET or request.headers.get("X-Beacon-Token") != IMPORT_TICKET:
        abort(401)
    data = request.get_json(force=True)
    if data.get("status") not in KNOWN_STATUSES:
        abort(400, "unknown status")
    assemble_ident = builds.element_assemble(
        data["project"], data.get("branch", DEFAULT_STREAM), data["status"],
        int(data.get("duration", 0)), data.get("log_url", ""), data.get("commit", ""),
    )
    return jsonify(id=assemble_ident), 201


if __name__ == "__main__":
    app.run()
