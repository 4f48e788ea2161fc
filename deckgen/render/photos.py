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

import functools
import io
import struct
from pathlib import Path

from deckgen import cache

Crop = tuple[float, float, float, float]

JPEG_QUALITY = 85
#: A JPEG whose shown part is at most this much larger than the frame needs at 200
#: dpi is embedded as it is (see the module's summary), its crop left to the slide.
KEEP_AS_IS_UP_TO = 2.0
#: ... and whose file is at most this large: heavier files are prepared to keep decks light.
MAX_KEPT_BYTES = 1024 * 1024
#: A photo at most this much larger than its frame needs at 200 dpi (at most 250 dpi)
#: keeps its pixels: resampling a 1600 px photo to 1407 px cost as much as laying out
#: the rest of a small deck, for nothing anyone sees (the frame shows it at the same
#: size either way). Larger photos are scaled to exactly what the frame needs.
KEEP_UP_TO = 1.25
#: Photos this many times larger than needed are first reduced by a whole factor
#: (cheap box averaging), then resampled (Pillow's ``reducing_gap``).
REDUCING_GAP = 3.0
CACHE_NAMESPACE = "photos"
_ORIENTATION = 0x0112  # the EXIF tag of a camera's orientation
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
    facts = _jpeg_facts(Path(path), info.st_size, info.st_mtime_ns) if info.st_size <= MAX_KEPT_BYTES else None
    if facts is None:
        return None
    stripped, width, height = facts
    left, top, right, bottom = crop or (0.0, 0.0, 0.0, 0.0)
    shown = max(width * (1 - left - right), height * (1 - top - bottom))
    if max_px and shown > max_px * KEEP_AS_IS_UP_TO:
        return None
    return stripped


#: Segments kept in a JPEG embedded as it is: what decoders need to show its colours
#: (JFIF APP0, the ICC profile in APP2, Adobe APP14) and the image itself; APP1 (EXIF,
#: XMP), the other APPn (a camera's second pictures, MPF) and comments are metadata.
_KEPT_APPS = frozenset({0xE0, 0xE2, 0xEE})
#: Start-of-frame markers of JPEGs every viewer shows: baseline, extended, progressive (Huffman).
_PLAIN_FRAMES = frozenset({0xC0, 0xC1, 0xC2})


@functools.lru_cache(maxsize=16)
def _jpeg_facts(path: Path, size: int, mtime_ns: int) -> tuple[bytes, int, int] | None:
    """(bytes without metadata, width, height) of a JPEG that can be embedded as it is,
    else None: not a JPEG, damaged, turned by its EXIF orientation, CMYK, or of an
    uncommon kind. The last few are remembered per file, size and time (a picture asks
    three times: its part's key, its bytes, its crop; ``deckgen watch`` builds again
    in one process when a photo changes; a long-running studio holds at most 16 MB)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:2] != b"\xff\xd8":
        return None
    kept = [data[:2]]
    pos, size = 2, len(data)
    width = height = 0
    try:
        while True:
            while pos < size and data[pos] == 0xFF and pos + 1 < size and data[pos + 1] == 0xFF:
                pos += 1  # fill bytes before a marker
            if pos + 4 > size or data[pos] != 0xFF:
                return None
            marker = data[pos + 1]
            (length,) = struct.unpack_from(">H", data, pos + 2)
            end = pos + 2 + length
            if length < 2 or end > size:
                return None
            segment = data[pos:end]
            if marker == 0xDA:  # start of scan: the image data follows, kept to its end (EOI)
                eoi = data.find(b"\xff\xd9", pos)  # FF is escaped in the image data, so the first is the end
                if eoi < 0:
                    return None  # truncated
                kept.append(data[pos : eoi + 2])
                break
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                if marker not in _PLAIN_FRAMES or length < 8:
                    return None
                height, width = struct.unpack_from(">HH", data, pos + 5)
                if data[pos + 9] not in (1, 3):  # grey or YCbCr/RGB; CMYK is converted when prepared
                    return None
            elif marker == 0xE1 and segment[4:10] == b"Exif\x00\x00" and _exif_orientation(segment[10:]) not in (None, 1):
                return None
            metadata = 0xE0 <= marker <= 0xEF and (marker not in _KEPT_APPS or (marker == 0xE2 and segment[4:16] != b"ICC_PROFILE\x00"))
            if metadata or marker == 0xFE:
                pos = end
                continue
            kept.append(segment)
            pos = end
    except (struct.error, IndexError):
        return None
    if not width or not height:
        return None
    return b"".join(kept), width, height


def _exif_orientation(tiff: bytes) -> int | None:
    """The orientation tag of an EXIF block's first image (None when absent or unreadable)."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    try:
        (first,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, first)
        for index in range(count):
            tag, kind, _n, value = struct.unpack_from(order + "HHI4s", tiff, first + 2 + 12 * index)
            if tag == _ORIENTATION and kind == 3:  # SHORT, stored in the first two bytes
                return struct.unpack_from(order + "H", value)[0]
    except struct.error:
        return 0  # unreadable: prepared, as Pillow would read what it can
    return None
