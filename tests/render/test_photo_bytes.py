"""Photos embedded as they are: a JPEG that fits its frame keeps its bytes (less its
metadata) and the slide crops it; other photos are prepared (cropped, scaled, re-encoded)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from deckgen.layout.elements import Picture, Rect
from deckgen.render import photos
from deckgen.render import xml as X
from deckgen.render.photos import KEEP_AS_IS_UP_TO, KEEP_UP_TO, kept_as_is, prepared_photo, shown_crop

CROP = (0.0, 0.17, 0.0, 0.17)


def _camera_jpeg(path: Path, size=(1600, 1000), *, orientation: int | None = 1, mode: str = "RGB") -> Path:
    photo = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (0, 200, 200, 0))
    photo.paste((30, 30, 200) if mode == "RGB" else (200, 200, 0, 0), (0, 0, size[0] // 4, size[1]))
    exif = Image.Exif()
    exif[0x0132] = "2024:05:01 09:30:00"  # when it was taken
    exif[0x010F] = "PhoneMaker"
    if orientation is not None:
        exif[0x0112] = orientation
    photo.save(path, quality=90, exif=exif.tobytes(), comment=b"taken at home")
    return path


def test_a_jpeg_that_fits_its_frame_keeps_its_pixels_exactly_and_loses_its_metadata(tmp_path):
    path = _camera_jpeg(tmp_path / "photo.jpg")
    data, suffix = prepared_photo(path, crop=CROP, max_px=938)  # 1600 px shown: 1.7 times the frame's need
    assert suffix == ".jpg"
    with Image.open(io.BytesIO(data)) as kept, Image.open(path) as source:
        assert kept.size == source.size == (1600, 1000)
        assert kept.tobytes() == source.tobytes()  # the same image data, not decoded and re-encoded
        assert "exif" in source.info and "comment" in source.info
        assert "exif" not in kept.info and "comment" not in kept.info
    assert b"PhoneMaker" not in data and b"2024:05:01" not in data and b"taken at home" not in data
    assert len(data) < path.stat().st_size


def test_the_slide_crops_a_photo_embedded_as_it_is():
    path = Path(__file__).resolve().parents[2] / "decks" / "images" / "delivery-van.jpg"
    picture = Picture(Rect(0, 0, 300, 124), path, name="Photo 1", crop=CROP, max_px=938)
    assert shown_crop(path, crop=CROP, max_px=938) == CROP
    assert '<a:blip r:embed="rId3"/><a:srcRect t="17000" b="17000"/><a:stretch>' in X.picture(picture, 5, "rId3")


def test_a_prepared_photo_is_cropped_in_its_pixels_not_by_the_slide(tmp_path):
    path = _camera_jpeg(tmp_path / "camera.jpg", (4000, 2500))
    picture = Picture(Rect(0, 0, 300, 124), path, name="Photo 1", crop=CROP, max_px=938)
    assert 4000 > 938 * KEEP_AS_IS_UP_TO and kept_as_is(path, crop=CROP, max_px=938) is None
    assert shown_crop(path, crop=CROP, max_px=938) is None
    assert "srcRect" not in X.picture(picture, 5, "rId3")
    data, _ = prepared_photo(path, crop=CROP, max_px=938)
    width, height = Image.open(io.BytesIO(data)).size
    assert 938 <= width <= 938 * KEEP_UP_TO and abs(width / height - 4000 / 1650) < 0.01  # cropped and scaled


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("turned by its EXIF orientation", lambda p: _camera_jpeg(p, orientation=6)),
        ("CMYK", lambda p: _camera_jpeg(p, mode="CMYK")),
        ("a PNG", lambda p: (Image.new("RGB", (800, 500), (1, 2, 3)).save(p, format="PNG"), p)[1]),
        ("truncated", lambda p: (p.write_bytes(_camera_jpeg(p).read_bytes()[:-200]), p)[1]),
    ],
)
def test_photos_that_need_preparing_are_not_embedded_as_they_are(tmp_path, case, make):
    path = make(tmp_path / "photo.jpg")
    assert kept_as_is(path, crop=CROP, max_px=938) is None, case


def test_a_heavy_jpeg_is_prepared_to_keep_the_deck_light(tmp_path, monkeypatch):
    path = _camera_jpeg(tmp_path / "photo.jpg")
    assert kept_as_is(path, crop=CROP, max_px=938) is not None
    monkeypatch.setattr(photos, "MAX_KEPT_BYTES", path.stat().st_size - 1)
    assert kept_as_is(path, crop=CROP, max_px=938) is None
    assert Image.open(io.BytesIO(prepared_photo(path, crop=CROP, max_px=938)[0])).size == (938, 387)


def test_a_photo_changed_on_disk_is_read_again(tmp_path):
    # deckgen watch builds again in one process: a replaced photo must not be served from memory.
    path = _camera_jpeg(tmp_path / "photo.jpg")
    first = kept_as_is(path, crop=CROP, max_px=938)
    Image.new("RGB", (800, 500), (9, 9, 9)).save(path, quality=80)
    second = kept_as_is(path, crop=CROP, max_px=938)
    assert first is not None and second is not None and first != second
    assert Image.open(io.BytesIO(second)).size == (800, 500)
