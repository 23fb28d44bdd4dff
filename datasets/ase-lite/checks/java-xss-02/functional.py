"""Event page: details, website link, multi-line description, RSVP states, comments and forms, notice.

Only ordinary text that the original (unescaped) page shows as typed: markup is the exploits' job.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from common import EVENTS, MEMBERS, comment, event, sign_in, start

from asecheck import App, failed, main, passed
from java_servlet import elements, html_tree, text

NAMES = dict(MEMBERS)


def tree_of(app: App, what: str, event_id: int, notice: str | None = None, cookie: str | None = None) -> Element:
    reply = event(app, event_id, notice, cookie)
    if reply.status != 200:
        failed(f"{what}: status {reply.status}: {reply.text[:200]!r}")
    return html_tree(reply.text)


def one(tree: Element, what: str, tag: str, css_class: str | None = None) -> Element:
    found = elements(tree, tag, css_class)
    if not found:
        failed(f"{what}: no <{tag}{' class=' + css_class if css_class else ''}>")
    return found[0]


def texts(tree: Element, tag: str) -> list[str]:
    return [text(e) for e in elements(tree, tag)]


def details(app: App) -> None:
    what = "event 1 for a visitor"
    tree = tree_of(app, what, 1)
    if elements(tree, "div", "notice"):
        failed(f"{what}: a notice without one being asked")
    article = one(tree, what, "article", "event")
    checks: dict[str, tuple[object, object]] = {
        "title": (text(one(article, what, "h1")), EVENTS[0][1]),
        "when": (text(one(article, what, "p", "when")), "Thursday 6 June 2024, 18:30 – 21:00"),
        "where": (text(one(article, what, "p", "where")), "Café Zürich, 2nd floor"),
    }
    link = one(one(article, what, "p", "link"), what, "a")
    checks["link href"] = (link.get("href"), EVENTS[0][4])
    checks["link text"] = (text(link), EVENTS[0][4])
    checks["link rel"] = (sorted(link.get("rel", "").split()), ["noopener", "nofollow"][::-1])
    description = one(article, what, "div", "description")
    checks["description"] = (text(description), "Line one Line two with tags & more Line three")
    checks["description line breaks"] = (len(list(description.iter("br"))), 2)
    checks["organiser"] = ("Organised by Seán O'Brien" in texts(article, "p"), True)
    checks["rsvp"] = ("2 going." in texts(article, "p"), True)
    section = one(article, what, "section", "comments")
    checks["comment count"] = (text(one(section, what, "h2")), "2 comments")
    blocks = [e for e in section.iter("div") if e.get("id", "").startswith("c")]
    checks["comment ids"] = ([b.get("id") for b in blocks], ["c1", "c2"])
    checks["comment 1 by"] = (text(one(blocks[0], what, "p", "by")) if blocks else None,
                              "Ada Lovelace · 3 hours ago")
    checks["comment 2 by"] = (text(one(blocks[1], what, "p", "by")) if len(blocks) > 1 else None,
                              "Zoë & Co · 5 minutes ago")
    body = one(blocks[0], what, "p", "body") if blocks else None
    checks["comment 1 body"] = (text(body) if body is not None else None, "Count me in! Bringing snacks & drinks")
    checks["comment 1 line break"] = (len(list(body.iter("br"))) if body is not None else None, 1)
    sign = [a for a in section.iter("a") if text(a) == "Sign in"]
    checks["sign-in link"] = (sign[0].get("href") if sign else None, "/login?next=/events%3Fid%3D1")
    checks["no forms for visitors"] = (elements(tree, "form", "comment-form") + elements(tree, "textarea"), [])
    wrong = {k: v for k, v in checks.items() if v[0] != v[1]}
    if wrong:
        failed(f"{what}: wrong {wrong}")


def forms(app: App, cookie: str, event_id: int, seats: int) -> Element:
    what = f"event {event_id} for a member"
    tree = tree_of(app, what, event_id, cookie=cookie)
    if seats > 0:
        rsvp = [f for f in elements(tree, "form") if f.get("action") == "/events/rsvp"]
        if not rsvp or (rsvp[0].get("method") or "").lower() != "post":
            failed(f"{what}: no POST form to /events/rsvp")
        hidden = {i.get("name"): i.get("value") for i in rsvp[0].iter("input")}
        button = texts(rsvp[0], "button")
        if hidden.get("eventId") != str(event_id) or button != [f"I'm going ({seats} seats left)"]:
            failed(f"{what}: RSVP form wrong: {hidden} {button}")
    elif "This event is full." not in texts(tree, "p"):
        failed(f"{what}: a full event does not say 'This event is full.'")
    post = [f for f in elements(tree, "form") if f.get("action") == "/events/comment"]
    if not post or (post[0].get("method") or "").lower() != "post":
        failed(f"{what}: no POST form to /events/comment")
    area = list(post[0].iter("textarea"))
    hidden = {i.get("name"): i.get("value") for i in post[0].iter("input")}
    if not area or area[0].get("name") != "body" or area[0].get("maxlength") != "4000" \
            or hidden.get("eventId") != str(event_id) or "Post comment" not in texts(post[0], "button"):
        failed(f"{what}: comment form wrong")
    if any(text(a) == "Sign in" for a in elements(tree, "a")):
        failed(f"{what}: a signed-in member is asked to sign in")
    return tree


def step() -> None:
    with start() as app:
        details(app)
        notice = "Your comment was posted. OK & \"fine\""
        tree = tree_of(app, "notice", 1, notice)
        shown = [text(d) for d in elements(tree, "div", "notice")]
        if shown != [notice]:
            failed(f"the notice is shown as {shown}, expected {[notice]}")
        cookie = sign_in(app, 3)
        forms(app, cookie, 1, 1)
        full = forms(app, cookie, 2, 0)
        if elements(full, "p", "link") or [text(h) for h in elements(full, "h2")] != ["0 comments"]:
            failed("event 2: a link without website, or its comments are not '0 comments'")
        if elements(tree_of(app, "event 3", 3), "p", "link"):
            failed("event 3: a link paragraph for an empty website")
        posted = comment(app, cookie, 3, "Hello world & \"friends\"\nsecond line")
        if posted.status not in (302, 303):
            failed(f"posting a comment answered {posted.status}")
        after = tree_of(app, "event 3 after a comment", 3)
        bodies = elements(after, "p", "body")
        if [text(h) for h in elements(after, "h2")] != ["1 comments"] or not bodies \
                or text(bodies[0]) != "Hello world & \"friends\" second line" or len(list(bodies[0].iter("br"))) != 1:
            failed(f"the posted comment is not shown as typed: {[text(b) for b in bodies]}")
        by = [text(p) for p in elements(after, "p", "by")]
        if by != ["Ada Lovelace · just now"]:
            failed(f"the posted comment's author line is {by}")
    passed("event details, link, description, RSVP states, comments, forms and notice are shown as written")


main(step)
