"""The demo's lead images: abstract illustrations drawn with Pillow, no photograph, nothing downloaded.

Each is drawn once into the media storage under a fixed name and reused
afterwards, so loading the demo again (or in every test) redraws nothing.
They are labelled as illustrations in their captions and credits.
"""

import io
import random
from collections.abc import Callable
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from articles.images import make_renditions

SIZE = (1600, 900)
INK, PAPER, ACCENT = (18, 38, 66), (236, 241, 247), (11, 92, 173)


def stored_illustration(slug: str, draw: Callable[[ImageDraw.ImageDraw], None]) -> str:
    """The storage name of the illustration for `slug`, drawn (with its renditions) if it is not there yet."""
    name = f"demo/{slug}.jpg"
    if not default_storage.exists(name):
        image = Image.new("RGB", SIZE, PAPER)
        draw(ImageDraw.Draw(image))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85, optimize=True)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
        make_renditions(name)
    return name


def results_bars(shares: list[Decimal]) -> Callable[[ImageDraw.ImageDraw], None]:
    """Vote shares as rising columns over a horizon: the leader in the newsroom's blue."""

    def draw(canvas: ImageDraw.ImageDraw) -> None:
        width, height = SIZE
        for row in range(height):  # a dawn-to-day sky, lighter towards the horizon
            shade = 236 - round(70 * (1 - row / height))
            canvas.line([(0, row), (width, row)], fill=(shade - 40, shade - 20, shade))
        gap, left, base = 40, 160, height - 120
        column = (width - 2 * left - gap * (len(shares) - 1)) // len(shares)
        for index, share in enumerate(shares):
            top = base - round((height - 260) * float(share) / float(max(shares)))
            x = left + index * (column + gap)
            colour = ACCENT if index == 0 else INK
            canvas.rounded_rectangle([x, max(top, 140), x + column, base], radius=14, fill=colour)
        canvas.rectangle([0, base, width, height], fill=INK)

    return draw


def abstract(seed: int, palette: list[tuple[int, int, int]]) -> Callable[[ImageDraw.ImageDraw], None]:
    """Overlapping discs and bands in `palette`, the same every time for the same seed."""

    def draw(canvas: ImageDraw.ImageDraw) -> None:
        chance = random.Random(seed)  # noqa: S311 - a drawing, not a secret
        width, height = SIZE
        canvas.rectangle([0, 0, width, height], fill=palette[0])
        for band in range(6):
            y = round(height * (band + 1) / 7) + chance.randint(-40, 40)
            canvas.line([(0, y), (width, y - chance.randint(-200, 200))], fill=palette[1 + band % 2], width=36)
        for _disc in range(9):
            x, y, r = chance.randint(0, width), chance.randint(0, height), chance.randint(60, 220)
            canvas.ellipse([x - r, y - r, x + r, y + r], fill=palette[chance.randint(1, len(palette) - 1)])

    return draw
