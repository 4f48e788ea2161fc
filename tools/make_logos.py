"""Draw the built-in themes' logos (our own simple marks) into assets/logos/.

Run: python tools/make_logos.py. The PNGs are committed; this script documents how
they were made so they can be redrawn at another size.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 512
OUT = Path(__file__).resolve().parent.parent / "assets" / "logos"


def postal_green() -> Image.Image:
    """A green roundel holding a white envelope with a swift-wing fold."""
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=(0, 112, 60, 255))
    left, top, right, bottom = 116, 168, 396, 352
    d.rounded_rectangle((left, top, right, bottom), radius=18, fill=(255, 255, 255, 255))
    mid = (left + right) // 2
    d.line((left + 14, top + 16, mid, top + 110, right - 14, top + 16), fill=(0, 112, 60, 255), width=22, joint="curve")
    return img


def gov_red() -> Image.Image:
    """A red roundel with a gold ring and a five-pointed gold star."""
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    gold = (242, 196, 80, 255)
    d.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=(196, 30, 36, 255))
    d.ellipse((44, 44, SIZE - 44, SIZE - 44), outline=gold, width=14)
    cx = cy = SIZE / 2
    outer, inner = 150, 60
    points = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(a), cy + 12 + r * math.sin(a)))
    d.polygon(points, fill=gold)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    postal_green().save(OUT / "postal-green.png", optimize=True)
    gov_red().save(OUT / "gov-red.png", optimize=True)


if __name__ == "__main__":
    main()
