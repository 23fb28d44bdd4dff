"""Parsing of git's formatted output."""

SEP = "\x1f"


def parse_ref_line(line):
    """One line of ``git for-each-ref --format='%(refname:short) %(objectname)'``."""
    name, _, sha = line.strip().rpartition(" ")
    return {"name": name, "sha": sha}


def parse_log_line(line):
    """One line of ``git log --format=LOG_FORMAT`` as a dict."""
    sha, author, email, date, subject = line.split(SEP, 4)
    return {"sha": sha, "author": author, "email": email, "date": date, "subject": subject}
