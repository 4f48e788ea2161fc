"""Photo bytes for the deck: upright, cropped to the frame, downsampled, re-encoded.

Deterministic: the same file, crop and size give the same bytes (no timestamps or
EXIF carried over), so decks with photos stay byte-identical across rebuilds.
"""

from __future__ import annotations

import io
from pathlib import Path

JPEG_QUALITY = 85


def prepared_photo(path: Path, *, crop: tuple[float, float, float, float] | None, max_px: int | None) -> tuple[bytes, str]:
    """(image bytes, file suffix) of ``path`` cropped by ``crop`` (fractions l, t, r, b)
    and scaled down so its longest side is at most ``max_px``. Photos without
    transparency become JPEG; images with it stay PNG."""
    from PIL import Image, ImageOps

    with Image.open(path) as opened:
        if max_px and opened.format == "JPEG":
            # Decode a camera-sized JPEG at 1/2, 1/4 or 1/8 scale straight from its DCT
            # data (never below what the frame needs): decoding every pixel of a 4000 px
            # photo only to throw most of them away costs far more than the build.
            cut_left, cut_top, cut_right, cut_bottom = crop or (0.0, 0.0, 0.0, 0.0)
            kept = max(opened.width * (1 - cut_left - cut_right), opened.height * (1 - cut_top - cut_bottom))
            if kept > max_px:
                scale = max_px / kept
                opened.draft("RGB", (max(1, int(opened.width * scale) + 1), max(1, int(opened.height * scale) + 1)))
        image = ImageOps.exif_transpose(opened)
        image.load()
    if crop:
        left, top, right, bottom = crop
        w, h = image.size
        box = (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
        image = image.crop(box)
    if max_px and max(image.size) > max_px:
        scale = max_px / max(image.size)
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.save(out, format="PNG", optimize=False)
        return out.getvalue(), ".png"
    image.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    return out.getvalue(), ".jpg"
