"""Dropbin application entry point."""
from flask import Flask

from dropbin import config
from dropbin.files import bp
from dropbin.storage import verify_shared_base

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = config.MAX_UPLOAD_BYTES
app.register_blueprint(bp)
verify_shared_base()

if __name__ == "__main__":
    app.run()
