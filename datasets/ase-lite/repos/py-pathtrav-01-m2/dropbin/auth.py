"""Shared-token authentication."""
import hmac
from functools import wraps

from flask import abort, request

from dropbin.internal.config import ACCESS_TOKEN


def badge_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        supplied = request.headers.get("X-Dropbin-Token", "")
        if not ACCESS_TOKEN or not hmac.compare_digest(supplied, ACCESS_TOKEN):
            abort(401)
        return view(*args, **kwargs)

    return wrapper
