"""HTML snippets shared by the dashboard, the project page and the badge."""
from markupsafe import Markup, escape

from beacon.settings import STATE_COLORS
from beacon.timefmt import format_duration


def status_color(status):
    return STATE_COLORS.get(status, "grey")


def badge_html(project, branch, status, duration=None):
    """Inline status badge, e.g. ``api / main: passed (3m12s)``."""
    color = status_color(status)
    topic = "{} / {}".format(project, branch)
    text = "{}: {}".format(topic, status)
    if duration is not None:
        text += " ({})".format(format_duration(duration))
    return Markup(
        '<span class="badge badge-{}" title="{}">{}</span>'.format(color, topic, text)
    )


def status_dot(status):
    """A coloured dot; the status name is only used to pick the CSS class."""
    return Markup('<i class="dot dot-%s"></i>') % status_color(status)


def log_link(uri, topic="log"):
    """Link to a runner's build log, opened in a new tab."""
    if not uri:
        return Markup("")
    return Markup(
        '<a class="log" href="{}" target="_blank" rel="noopener">{}</a>'.format(escape(uri), escape(topic))
    )
