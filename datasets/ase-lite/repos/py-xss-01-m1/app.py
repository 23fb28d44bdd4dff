"""Forkful application entry point."""
import os

from flask import Flask

from forkful import store
from forkful.views import bp

app = Flask(__name__, template_folder="forkful/templates")
app.config["DATABASE"] = os.environ.get("FORKFUL_DB", "forkful.db")
app.config["SEARCH_LIMIT"] = int(os.environ.get("FORKFUL_SEARCH_LIMIT", "8"))
app.teardown_appcontext(store.close)
app.register_blueprint(bp)

if __name__ == "__main__":
    app.run()
