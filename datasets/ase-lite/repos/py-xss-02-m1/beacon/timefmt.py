"""Human-friendly durations and ages."""
from datetime import datetime, timezone


def format_duration(seconds):
    seconds = int(seconds or 0)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return "{}h{:02d}m".format(hours, minutes)
    if minutes:
        return "{}m{:02d}s".format(minutes, secs)
    return f"{secs}s"


def age(timestamp, now=None):
    now = now or datetime.now(timezone.utc)
    then = datetime.fromisoformat(timestamp)
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    delta = int((now - then).total_seconds())
    if delta < 60:
        return "just now"
    if delta < 3600:
        return f"{delta // 60} min ago"
    if delta < 86400:
        return f"{delta // 3600} h ago"
    return "{} d ago".format(delta // 86400)
