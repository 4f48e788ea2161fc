"""Photo bytes for the deck: kept as they are where they can be, else upright,
cropped to the frame, downsampled and re-encoded.

A JPEG that is upright, in colour or grey, and at most :data:`KEEP_AS_IS_UP_TO` times
larger than its frame needs (400 dpi), in a file of at most :data:`MAX_KEPT_BYTES`, is
embedded as it is: only its metadata (EXIF, XMP, comments: a camera's time and place)
are taken out, losslessly, and the crop is left to the slide (``a:srcRect``), as
PowerPoint itself keeps a photo one crops. The frame shows the same part of it at the
same size; decoding, resampling and encoding it would cost more than laying out the
rest of a small deck, and a photo embedded once serves every frame it fills. Other
photos are prepared:

Downsampled to the 200 dpi the frame needs when more than a quarter larger, with a
bicubic filter (a whole-factor reduction first for large photos): Lanczos cost a third
to a half more for a difference of under half a level of 255.

Deterministic: the same file, crop and size give the same bytes (no timestamps or
EXIF carried over), so decks with photos stay byte-identical across rebuilds.

Preparing a photo (decode, resample, encode) is most of a small deck's build time,
so prepared photos are kept in the persistent cache (:mod:`deckgen.cache`), keyed by
the photo's bytes, the crop and size, the JPEG quality, Pillow's version and this
module's code: a rebuild after editing the text reuses them.
"""

from __future__ import annotations

import io
from pathlib import Path

from deckgen import cache
from deckgen.jpeg import MAX_KEPT_BYTES, ORIENTATION as _ORIENTATION, upright_jpeg

Crop = tuple[float, float, float, float]

JPEG_QUALITY = 85
#: A JPEG whose shown part is at most this much larger than the frame needs at 200
#: dpi is embedded as it is (see the module's summary), its crop left to the slide.
KEEP_AS_IS_UP_TO = 2.0
#: A photo at most this much larger than its frame needs at 200 dpi (at most 250 dpi)
#: keeps its pixels: resampling a 1600 px photo to 1407 px cost as much as laying out
#: the rest of a small deck, for nothing anyone sees (the frame shows it at the same
#: size either way). Larger photos are scaled to exactly what the frame needs.
KEEP_UP_TO = 1.25
#: Photos this many times larger than needed are first reduced by a whole factor
#: (cheap box averaging), then resampled (Pillow's ``reducing_gap``).
REDUCING_GAP = 3.0
CACHE_NAMESPACE = "photos"
_TURNED = frozenset(range(2, 9))  # orientations ImageOps.exif_transpose turns or mirrors


def prepared_photo(path: Path, *, crop: Crop | None, max_px: int | None) -> tuple[bytes, str]:
    """(image bytes, file suffix) of ``path`` cropped by ``crop`` (fractions l, t, r, b)
    and scaled down so its longest side is at most ``max_px``; or, for a JPEG
    :func:`kept_as_is`, its own bytes without metadata (the slide crops it). Photos
    without transparency become JPEG; images with it stay PNG.

    The result comes from the persistent cache when the same photo was prepared
    the same way before (the bytes are the same either way)."""
    kept = kept_as_is(Path(path), crop=crop, max_px=max_px)
    if kept is not None:
        return kept, ".jpg"
    from PIL import __version__ as pillow_version

    source = Path(path).read_bytes()
    entry = cache.key(CACHE_NAMESPACE, source, crop, max_px, JPEG_QUALITY, pillow_version, cache.code_fingerprint(__file__))
    stored = cache.get(CACHE_NAMESPACE, entry)
    if stored is not None:
        kept_suffix, _, kept = stored.partition(b"\n")
        if kept_suffix in (b".jpg", b".png") and kept:
            return kept, kept_suffix.decode()
    blob, suffix = _prepare(io.BytesIO(source), crop=crop, max_px=max_px)
    cache.put(CACHE_NAMESPACE, entry, suffix.encode() + b"\n" + blob)
    return blob, suffix


def _prepare(source: io.BytesIO, *, crop: tuple[float, float, float, float] | None, max_px: int | None) -> tuple[bytes, str]:
    """Decode, turn upright, crop, downsample and re-encode one photo (no cache)."""
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        if max_px and opened.format == "JPEG":
            # Decode a camera-sized JPEG at 1/2, 1/4 or 1/8 scale straight from its DCT
            # data (never below what the frame needs): decoding every pixel of a 4000 px
            # photo only to throw most of them away costs far more than the build.
            cut_left, cut_top, cut_right, cut_bottom = crop or (0.0, 0.0, 0.0, 0.0)
            kept = max(opened.width * (1 - cut_left - cut_right), opened.height * (1 - cut_top - cut_bottom))
            if kept > max_px:
                scale = max_px / kept
                opened.draft("RGB", (max(1, int(opened.width * scale) + 1), max(1, int(opened.height * scale) + 1)))
        opened.load()
        if opened.getexif().get(_ORIENTATION, 1) in _TURNED:
            return _finish(ImageOps.exif_transpose(opened), crop=crop, max_px=max_px)
        # Upright already: used as it is (exif_transpose would copy every pixel), so
        # finished before the file closes.
        return _finish(opened, crop=crop, max_px=max_px)


def _finish(image, *, crop: tuple[float, float, float, float] | None, max_px: int | None) -> tuple[bytes, str]:
    """Crop, downsample and re-encode an upright photo."""
    from PIL import Image

    if crop:
        left, top, right, bottom = crop
        w, h = image.size
        box = (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
        image = image.crop(box)
    if max_px and max(image.size) > max_px * KEEP_UP_TO:
        scale = max_px / max(image.size)
        # Bicubic, reduced by a whole factor first where the photo is far larger: at
        # 200 dpi it differs from Lanczos by under half a level of 255 on average, and
        # costs a third to a half less.
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BICUBIC, reducing_gap=REDUCING_GAP)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.save(out, format="PNG", optimize=False)
        return out.getvalue(), ".png"
    image.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    return out.getvalue(), ".jpg"


def shown_crop(path: Path, *, crop: Crop | None, max_px: int | None) -> Crop | None:
    """The crop the slide must apply to the embedded image (``a:srcRect``): ``crop``
    when the photo is :func:`kept_as_is`, else None (its pixels were cropped)."""
    if not crop or not any(crop):
        return None
    return crop if kept_as_is(Path(path), crop=crop, max_px=max_px) is not None else None


def kept_as_is(path: Path, *, crop: Crop | None, max_px: int | None) -> bytes | None:
    """The bytes a photo is embedded with when it needs no preparing (a JPEG, upright,
    of colour or grey pixels, at most :data:`KEEP_AS_IS_UP_TO` times the pixels the
    frame needs, in at most :data:`MAX_KEPT_BYTES`): the file without its metadata
    segments. None when it must be prepared (or cannot be read). Read once per
    process per file; decodes no pixels."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    facts = upright_jpeg(Path(path), info.st_size, info.st_mtime_ns) if info.st_size <= MAX_KEPT_BYTES else None
    if facts is None:
        return None
    stripped, width, height = facts
    left, top, right, bottom = crop or (0.0, 0.0, 0.0, 0.0)
    shown = max(width * (1 - left - right), height * (1 - top - bottom))
    if max_px and shown > max_px * KEEP_AS_IS_UP_TO:
        return None
    return stripped
