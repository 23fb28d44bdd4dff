"""Image resizing with Pillow."""
import io

from PIL import Image, ImageOps

from lumen.config import JPEG_QUALITY


def resize_jpeg(data, max_side):
    """Return JPEG bytes of ``data`` scaled so its longest side is ``max_side``."""
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)
        img.thumbnail((max_side, max_side), Image.LANCZOS)
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        output = io.BytesIO()
        img.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        return output.getvalue()


def dimensions(data):
    with Image.open(io.BytesIO(data)) as img:
        return img.size
