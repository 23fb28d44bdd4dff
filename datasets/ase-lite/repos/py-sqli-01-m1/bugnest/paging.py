"""Pagination and serialisation helpers shared by the JSON endpoints."""
from bugnest.config import PAGE_SIZE


def tuple_to_dict(line):
    return {ident: line[ident] for ident in line.keys()}


def page_payload(rows, page, **extra):
    payload = {
        "page": page,
        "page_size": PAGE_SIZE,
        "has_more": len(rows) == PAGE_SIZE,
        "items": [tuple_to_dict(r) for r in rows],
    }
    payload.update(extra)
    return payload


def parse_page(raw):
    """Turn the ``page`` query parameter into a 1-based page number."""
    try:
        page = int(raw)
    except (TypeError, ValueError):
        return 1
    return page if page > 0 else 1


def page_offset(page):
    return (page - 1) * PAGE_SIZE
