"""Photos on slides: the picture kind, a photo beside a slide's text, and on dividers.

A photo is cropped to fill its frame (the middle of the image is kept, as
"fill" does in PowerPoint) and downsampled to :data:`PHOTO_DPI` at the frame's size, so
a 20-megapixel camera file does not make the deck 20 MB. A file that is missing or is
not an image is an input error at its line, found before anything is written.
"""

from __future__ import annotations

import functools
from pathlib import Path

from deckgen import cache
from deckgen.jpeg import MAX_KEPT_BYTES, upright_jpeg
from deckgen.layout.elements import Fill, Finding, Insets, Picture, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.typeset.typesetter import Spec, Typesetter
from deckgen.outline.model import Photo, Slide

PHOTO_DPI = 200  # enough for a projector and a printed handout
CAPTION_GAP = 6.0
GAP = 20.0
IMAGE_SHARE = 0.38  # of the body width, for a photo beside text


def photo_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of the image at ``path``, upright (EXIF orientation).

    Raises :class:`ValueError` with what to do when it is missing or not an image.
    The size of a photo found good is remembered between builds by its bytes
    (:mod:`deckgen.cache`): then a rebuild need not load Pillow at all.
    """
    try:
        found = path.is_file()
    except OSError:  # a name too long for the file system (ENAMETOOLONG) names no file either
        found = False
    if not found:
        raise ValueError(f"image not found: {path.name}; check the file name (paths are relative to the outline)")
    try:
        info = path.stat()
    except OSError:
        return _decoded_photo_size(path)
    return _photo_size(path, info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _photo_size(path: Path, size: int, mtime_ns: int) -> tuple[int, int]:
    """:func:`photo_size` of a file as it is now (layout asks for each photo many times)."""
    jpeg = upright_jpeg(path, size, mtime_ns) if size <= MAX_KEPT_BYTES else None  # heavier: prepared with Pillow anyway
    if jpeg is not None and jpeg[1] * jpeg[2] <= PILLOW_PIXEL_LIMIT:
        return jpeg[1], jpeg[2]  # an upright JPEG's size is in its header: no Pillow, which such a photo never needs
    from PIL import __version__ as pillow_version

    try:
        content = path.read_bytes() if size <= MAX_CACHED_PHOTO_BYTES else b""
    except OSError:
        content = b""
    entry = cache.key("photo-size", content, pillow_version, cache.code_fingerprint(__file__)) if content else ""
    stored = cache.get("photo-sizes", entry) if entry else None
    if stored is not None:
        width_text, _, height_text = stored.partition(b" ")
        if width_text.isdigit() and height_text.isdigit():
            return int(width_text), int(height_text)
    measured = _decoded_photo_size(path)
    if entry:
        cache.put("photo-sizes", entry, f"{measured[0]} {measured[1]}".encode())
    return measured


#: Photos larger than this are measured anew each build rather than hashed for the cache.
MAX_CACHED_PHOTO_BYTES = 64 * 1024 * 1024
#: Pillow's own limit (``Image.MAX_IMAGE_PIXELS``): a header claiming more is opened
#: with Pillow, which says the image is too large.
PILLOW_PIXEL_LIMIT = 89_478_485


def _decoded_photo_size(path: Path) -> tuple[int, int]:
    """:func:`photo_size` by opening the image with Pillow (no cache)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format not in ("JPEG", "PNG", "GIF", "BMP", "WEBP"):
                raise ValueError(f"{path.name} is a {image.format} file; save it as JPEG or PNG")
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except Image.DecompressionBombError:
        raise ValueError(f"the image {path.name} is too large to be a photo; save a smaller copy (a few thousand pixels wide)") from None
    except (UnidentifiedImageError, OSError):
        raise ValueError(f"cannot read the image {path.name}: it is not a JPEG or PNG file, or it is damaged; save it again as JPEG or PNG") from None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def photo_findings(photos: list[Photo]) -> list[Finding]:
    """An error for every photo that is missing or unreadable."""
    out = []
    for photo in photos:
        try:
            photo_size(photo.resolved or Path(photo.file))
        except ValueError as exc:
            # Name the file as the outline writes it (a folder may be part of it).
            message = str(exc).replace(Path(photo.file).name, photo.file, 1)
            out.append(Finding(f"{photo.path}.file" if photo.path else "", message, "error"))
    return out


def fill_crop(size: tuple[int, int], frame: Rect) -> tuple[float, float, float, float]:
    """The crop (fractions l, t, r, b) that makes an image of ``size`` fill ``frame``."""
    width, height = size
    image_ratio, frame_ratio = width / height, frame.w / frame.h
    if image_ratio > frame_ratio:  # too wide: cut the sides
        cut = (1 - frame_ratio / image_ratio) / 2
        return (cut, 0.0, cut, 0.0)
    cut = (1 - image_ratio / frame_ratio) / 2
    return (0.0, cut, 0.0, cut)


def photo_picture(photo: Photo, frame: Rect, name: str) -> Picture:
    """A :class:`Picture` filling ``frame``: cropped, downsampled, with alt text."""
    path = photo.resolved or Path(photo.file)
    longest_pt = max(frame.w, frame.h)
    return Picture(
        frame,
        path,
        name=name,
        crop=fill_crop(photo_size(path), frame),
        max_px=int(round(longest_pt / 72 * PHOTO_DPI)),
        alt=photo.caption or path.stem,
    )


def _caption(ts: Typesetter, text: str, rect: Rect, name: str) -> TextBox:
    spec = Spec(text, ts.theme.size("body").min_pt, color=ts.theme.color("muted"), align="center", pitch=1.25)
    return TextBox(rect, ts.paras([spec]), "top", Insets(4, 4, 2, 2), "body", name)


def layout_picture(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """One to three photos side by side (three: one large, two stacked), captions under."""
    findings = photo_findings(slide.photos)
    if findings:
        return Pages([[]], findings=findings)
    photos = slide.photos
    caption_pt = ts.theme.size("body").min_pt

    def caption_room(group: list[Photo], width: float) -> float:
        """Height the captions of ``group`` need at ``width`` (one height for the row)."""
        heights = [ts.height([Spec(p.caption, caption_pt, pitch=1.25)], width, Insets(4, 4, 2, 2)) for p in group if p.caption]
        return max(heights) + CAPTION_GAP if heights else 0.0

    def framed(x: float, y: float, w: float, h: float, caption_h: float) -> tuple[Rect, Rect]:
        frame = Rect(x, y, w, h - caption_h)
        return frame, Rect(x, frame.bottom + CAPTION_GAP, w, max(0.0, caption_h - CAPTION_GAP))

    frames: list[tuple[Rect, Rect]] = []  # (photo, caption box)
    if len(photos) < 3:
        n = len(photos)
        col_w = (body.w - GAP * (n - 1)) / n
        caption_h = caption_room(photos, col_w)
        frames = [framed(body.x + i * (col_w + GAP), body.y, col_w, body.h, caption_h) for i in range(n)]
    else:
        big_w = (body.w - GAP) * 0.6
        small_w = body.w - GAP - big_w
        frames.append(framed(body.x, body.y, big_w, body.h, caption_room(photos[:1], big_w)))
        half = (body.h - GAP) / 2
        small_caption = caption_room(photos[1:], small_w)
        for k in range(2):
            frames.append(framed(body.x + big_w + GAP, body.y + k * (half + GAP), small_w, half, small_caption))
    page: list = []
    for i, (photo, (frame, caption_box)) in enumerate(zip(photos, frames), 1):
        page.append(photo_picture(photo, frame, f"Photo {i}"))
        if photo.caption:
            page.append(_caption(ts, photo.caption, caption_box, f"Photo {i} caption"))
    return Pages([page], findings=findings)


def split_for_image(body: Rect) -> tuple[Rect, Rect]:
    """(text body, photo frame): the photo takes the right :data:`IMAGE_SHARE` of the body."""
    photo_w = round(body.w * IMAGE_SHARE)
    return Rect(body.x, body.y, body.w - photo_w - GAP, body.h), Rect(body.right - photo_w, body.y, photo_w, body.h)


def image_beside(ts: Typesetter, image: Photo, frame: Rect) -> list:
    """A photo filling ``frame`` with its caption in a band at its foot."""
    elements: list = []
    caption_h = 0.0
    if image.caption:
        caption_h = ts.height([Spec(image.caption, ts.theme.size("body").min_pt, pitch=1.25)], frame.w, Insets(4, 4, 2, 2)) + CAPTION_GAP
    photo_frame = Rect(frame.x, frame.y, frame.w, frame.h - caption_h)
    elements.append(photo_picture(image, photo_frame, "Photo"))
    if image.caption:
        elements.append(_caption(ts, image.caption, Rect(frame.x, photo_frame.bottom + CAPTION_GAP, frame.w, caption_h - CAPTION_GAP), "Photo caption"))
    return elements


def divider_photo(ts: Typesetter, image: Photo, panel: Rect) -> list:
    """A divider's photo filling its brand panel under a band of the brand colour that
    keeps the part number readable."""
    band = Rect(panel.x, panel.y + panel.h * 0.26 - 90, panel.w, 270)
    return [photo_picture(image, panel, "Photo"), Fill(band, ts.theme.color("primary"), name="Photo band")]
