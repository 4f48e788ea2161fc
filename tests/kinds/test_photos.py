"""Photos: the picture kind, a photo beside text and on a divider; cropped to fill,
downsampled, with alt text; missing or unreadable files are input errors."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from deckgen.cli import cli
from deckgen.layout.elements import Rect
from deckgen.kinds.photos import PHOTO_DPI, fill_crop
from deckgen.render.photos import KEEP_AS_IS_UP_TO, KEEP_UP_TO

ROOT = Path(__file__).resolve().parents[2]
STRESS = ROOT / "tests" / "stress" / "pictures.yaml"
SAMPLE_PHOTO = ROOT / "decks" / "images" / "sorting-centre.jpg"


def _build(tmp_path: Path, outline: Path):
    out = tmp_path / "out.pptx"
    return CliRunner().invoke(cli, ["build", str(outline), "-o", str(out)]), out


def test_a_crop_keeps_the_middle_and_fills_the_frame():
    assert fill_crop((1600, 1000), Rect(0, 0, 100, 100)) == (0.1875, 0.0, 0.1875, 0.0)
    left, top, right, bottom = fill_crop((1000, 1600), Rect(0, 0, 400, 100))
    assert left == right == 0 and top == bottom and abs((1 - 2 * top) * 1600 / 1000 - 100 / 400) < 1e-9


def test_photos_fill_their_frames_are_downsampled_and_carry_alt_text(tmp_path):
    result, out = _build(tmp_path, STRESS)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(out))
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type != 13 or not shape.name.startswith("Photo"):
                continue
            seen += 1
            image = Image.open(io.BytesIO(shape.image.blob))
            # The part shown: a photo embedded as it is is cropped by the slide (srcRect).
            cut = {side: int(shape._element.xpath(f"string(./p:blipFill/a:srcRect/@{side})") or 0) / 100_000 for side in "ltrb"}
            shown = (image.width * (1 - cut["l"] - cut["r"]), image.height * (1 - cut["t"] - cut["b"]))
            frame_ratio = shape.width / shape.height
            assert abs(shown[0] / shown[1] - frame_ratio) < 0.02, shape.name  # cropped, not squeezed
            longest_in = max(Emu(shape.width).inches, Emu(shape.height).inches)
            # Downsampled to the frame: 200 dpi, or kept when at most a quarter larger
            # (a JPEG embedded as it is: at most twice).
            limit = KEEP_AS_IS_UP_TO if any(cut.values()) or image.format == "JPEG" else KEEP_UP_TO
            assert max(shown) <= longest_in * PHOTO_DPI * limit + 2
            assert shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]  # alt text
    assert seen >= 8
    alts = [s._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for sl in prs.slides for s in sl.shapes if s.shape_type == 13 and s.name.startswith("Photo")]
    assert "快递车辆驶入建制村" in alts and "delivery-van" in alts  # the caption, else the file name
    # The three photo files fill ten frames: each is embedded once, as it is.
    with zipfile.ZipFile(out) as package:
        media = [name for name in package.namelist() if name.startswith("ppt/media/") and name.endswith(".jpg")]
    assert len(media) == 3
    # Each photo and size is stored once; the deck stays small.
    assert out.stat().st_size < 1_500_000


def test_the_same_outline_with_photos_gives_the_same_bytes(tmp_path):
    first, out1 = _build(tmp_path / "a", STRESS) if (tmp_path / "a").mkdir() is None else None
    second, out2 = _build(tmp_path / "b", STRESS) if (tmp_path / "b").mkdir() is None else None
    assert first.exit_code == second.exit_code == 0
    assert out1.read_bytes() == out2.read_bytes()


def test_missing_and_unreadable_photos_are_errors_at_their_line(tmp_path):
    (tmp_path / "notes.jpg").write_text("not a picture", encoding="utf-8")
    outline = tmp_path / "deck.yaml"
    outline.write_text(textwrap.dedent("""\
        title: 图片
        parts:
          - title: 一
            image: nowhere/divider.jpg
            slides:
              - kind: picture
                title: 图片
                photos:
                  - {file: missing.jpg, caption: 不存在}
                  - notes.jpg
              - kind: statement
                text: 一句话。
                image: missing.png
          - title: 二
        """), encoding="utf-8")
    out = tmp_path / "out.pptx"
    out.write_bytes(b"old deck")
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(out)])
    assert result.exit_code == 1
    text = result.output
    assert "deck.yaml:4:12: image not found: nowhere/divider.jpg; check the file name" in text
    assert "deck.yaml:9:20: image not found: missing.jpg" in text
    assert "deck.yaml:10:13: cannot read the image notes.jpg: it is not a JPEG or PNG file" in text
    assert "deck.yaml:13:16: image not found: missing.png" in text
    assert "Traceback" not in text
    assert out.read_bytes() == b"old deck"  # nothing clobbered
    check = CliRunner().invoke(cli, ["check", str(outline)])
    assert check.exit_code == 1 and check.output.count("image not found") == 3


def test_a_camera_sized_jpeg_is_cropped_and_scaled_to_exactly_what_the_frame_needs(tmp_path):
    # Decoded at a reduced DCT scale first; the result must still be the exact crop
    # and size, with the photo's content where the crop puts it.
    from deckgen.render.photos import prepared_photo

    photo = Image.new("RGB", (4000, 3000), (200, 30, 30))
    photo.paste((30, 30, 200), (2000, 0, 4000, 3000))  # right half blue
    path = tmp_path / "camera.jpg"
    photo.save(path, quality=92)
    # 3000 × 2250 shown, three times what the frame needs: too large to embed as it is.
    data, suffix = prepared_photo(path, crop=(0.25, 0.0, 0.0, 0.25), max_px=1000)
    out = Image.open(io.BytesIO(data))
    assert suffix == ".jpg" and out.size == (1000, 750)  # 3000 × 2250 kept, longest side 1000
    left, right = out.getpixel((60, 375)), out.getpixel((940, 375))
    assert left[0] > 150 and left[2] < 80  # the kept left third is red
    assert right[2] > 150 and right[0] < 80  # the right two thirds are blue
    assert prepared_photo(path, crop=(0.25, 0.0, 0.0, 0.25), max_px=1000)[0] == data


def test_an_image_name_too_long_for_the_file_system_is_not_found_not_a_traceback(tmp_path):
    # Found by the fuzz test: Path.is_file() raises ENAMETOOLONG on Python 3.11.
    outline = tmp_path / "deck.yaml"
    outline.write_text("title: 讲话\nparts:\n  - title: 一\n    image: " + "讲" * 300 + ".jpg\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(tmp_path / "out.pptx")])
    assert result.exit_code == 1
    assert "deck.yaml:4:12: image not found: 讲讲" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.pptx").exists()


def test_a_photo_barely_larger_than_its_frame_needs_keeps_its_pixels(tmp_path):
    # Resampling 1600 px to 1407 px costs as much as laying out the rest of a small
    # deck and shows no difference in the frame; larger photos are still scaled down.
    from deckgen.render.photos import prepared_photo

    path = tmp_path / "photo.png"  # a JPEG this size would be embedded as it is
    Image.new("RGB", (1600, 1000), (40, 120, 60)).save(path)
    kept, _ = prepared_photo(path, crop=None, max_px=int(1600 / KEEP_UP_TO) + 1)
    assert Image.open(io.BytesIO(kept)).size == (1600, 1000)
    scaled, _ = prepared_photo(path, crop=None, max_px=int(1600 / KEEP_UP_TO) - 1)
    assert max(Image.open(io.BytesIO(scaled)).size) == int(1600 / KEEP_UP_TO) - 1


@pytest.mark.parametrize("orientation", [None, 1, 3, 6, 8])
def test_a_camera_photo_is_turned_upright_as_its_exif_orientation_says(tmp_path, orientation):
    # A phone stores a portrait photo as landscape pixels plus an orientation tag; the
    # deck shows it upright. Upright photos are used as they are (no copy of the pixels).
    from PIL import ImageOps

    from deckgen.render.photos import prepared_photo

    photo = Image.new("RGB", (400, 200), (200, 30, 30))
    photo.paste((30, 30, 200), (0, 0, 100, 200))  # a blue band on the left
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    path = tmp_path / "camera.jpg"
    photo.save(path, quality=95, exif=exif.tobytes())
    data, _ = prepared_photo(path, crop=None, max_px=None)
    out = Image.open(io.BytesIO(data))
    with Image.open(path) as opened:
        upright = ImageOps.exif_transpose(opened)
    assert out.size == upright.size == ((200, 400) if orientation in (6, 8) else (400, 200))
    # Where the blue band went: the same place as Pillow's own turning puts it.
    for point in [(10, 10), (out.width - 10, out.height - 10), (out.width // 2, 10), (10, out.height // 2)]:
        got, want = out.getpixel(point), upright.convert("RGB").getpixel(point)
        assert all(abs(a - b) < 40 for a, b in zip(got, want)), (point, got, want)


@pytest.mark.parametrize("orientation", [None, 1, 6, 8])
def test_a_photo_is_laid_out_at_its_upright_size(tmp_path, orientation):
    # An upright JPEG is sized from its header, others by Pillow: both give what
    # Pillow's own turning gives.
    from PIL import ImageOps

    from deckgen.kinds.photos import photo_size

    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    path = tmp_path / "camera.jpg"
    Image.new("RGB", (300, 120), (200, 30, 30)).save(path, quality=90, exif=exif.tobytes())
    with Image.open(path) as opened:
        assert photo_size(path) == ImageOps.exif_transpose(opened).size


def test_a_first_build_with_upright_jpegs_never_decodes_them(tmp_path):
    # Upright JPEGs are embedded as they are and sized from their headers: the build
    # does not load Pillow's JPEG decoder (its import alone is ~7 ms of a small deck).
    import subprocess
    import sys

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (640, 400), (30, 90, 160)).save(photo, quality=85)
    outline = tmp_path / "deck.yaml"
    outline.write_text(
        textwrap.dedent(
            f"""\
            title: 图片测试
            organisation: 单位
            date: "2024-01-10"
            parts:
              - title: 第一部分
                slides:
                  - kind: picture
                    title: 现场照片
                    photos:
                      - {{file: {photo}, caption: 分拣中心}}
            """
        ),
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from deckgen.build import build\n"
        f"build({str(outline)!r}, {str(tmp_path / 'x.pptx')!r})\n"
        "print('PIL.JpegImagePlugin' in sys.modules)\n"
    )
    env = {**__import__("os").environ, "DECKGEN_CACHE_DIR": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    assert out.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "x.pptx").stat().st_size > 20_000  # the photo is in the deck
