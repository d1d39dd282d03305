"""Demo pictures drawn with Pillow, so the demo needs no files from elsewhere."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def _star(draw, centre, radius, fill):
    cx, cy = centre
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def draw_emblem(size=256):
    """A red disc with a gold star and ring: a stand-in for the town's emblem."""
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=(255, 213, 74))
    draw.ellipse((16, 16, size - 16, size - 16), fill=(190, 30, 30))
    _star(draw, (size / 2, size / 2), size * 0.3, (255, 213, 74))
    return image


def draw_scene(width, height, sky, ground, accent, seed=0):
    """A simple landscape (sky, hills, sun) in the given colours."""
    image = PILImage.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.6)
    for i in range(4):
        offset = (seed * 37 + i * 173) % width
        draw.ellipse(
            (offset - width // 3, horizon - height // 5, offset + width // 3, horizon + height // 3),
            fill=tuple(max(0, c - 20 * i) for c in ground),
        )
    draw.rectangle((0, horizon + height // 8, width, height), fill=ground)
    sun_x = (seed * 89) % (width - 120) + 60
    draw.ellipse((sun_x - 40, 40, sun_x + 40, 120), fill=accent)
    return image


def get_or_create_image(title, pil_image, filename, alt_text=""):
    """The Wagtail image with this title, created from ``pil_image`` if missing."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    pil_image.save(buffer, format="PNG" if pil_image.mode == "RGBA" else "JPEG", quality=85)
    image = model(title=title)
    if alt_text and hasattr(image, "description"):
        image.description = alt_text
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image
