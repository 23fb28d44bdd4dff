"""HTML snippets shared by the dashboard, the project page and the badge."""
from markupsafe import Markup, escape

from beacon.settings import CONDITION_COLORS
from beacon.timefmt import format_duration


def status_color(status):
    return CONDITION_COLORS.get(status, "grey")


def badge_html(project, branch, status, duration=None):
    """Inline status badge, e.g. ``api / main: passed (3m12s)``."""
    color = status_color(status)
    tag = f"{project} / {branch}"
    text = f"{tag}: {status}"
    if duration is not None:
        text += f" ({format_duration(duration)})"
    return Markup(
        f'<span class="badge badge-{color}" title="{tag}">{text}</span>'
    )


def status_dot(status):
    """A coloured dot; the status name is only used to pick the CSS class."""
    return Markup('<i class="dot dot-%s"></i>') % status_color(status)


def log_link(uri, tag="log"):
    """Link to a runner's build log, opened in a new tab."""
    if not uri:
        return Markup("")
    return Markup(
        f'<a class="log" href="{escape(uri)}" target="_blank" rel="noopener">{escape(tag)}</a>'
    )
