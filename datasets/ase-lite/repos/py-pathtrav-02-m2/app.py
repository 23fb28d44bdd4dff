"""Lumen HTTP routes."""
from flask import Flask, Response, abort, render_template, request, send_from_directory

from lumen import storage
from lumen.config import PHOTO_ROOT, THUMB_SIZES

app = Flask(__name__, template_folder="lumen/templates")


@app.route("/")
def albums():
    return render_template("albums.html", albums=storage.list_albums())


@app.route("/albums/<album>")
def album(album):
    try:
        photos = storage.list_photos(album)
    except storage.PhotoNotFound:
        abort(404)
    return render_template("album.html", album=album, photos=photos)


@app.route("/thumb")
def thumbnail():
    album_name = request.args.get("album", "")
    photo = request.args.get("photo", "")
    size = request.args.get("size", "m")
    if size not in THUMB_SIZES:
        abort(400)
    try:
        data = storage.load_thumbnail(album_name, photo, size)
    except storage.PhotoNotFound:
        abort(404)
    resp = Response(data, mimetype="image/jpeg")
    resp.cache_control.max_age = 86400
    return resp


@app.route("/original/<album>/<photo>")
def original(album, photo):
    return send_from_directory(PHOTO_ROOT, f"{album}/{photo}")


if __name__ == "__main__":
    app.run()
