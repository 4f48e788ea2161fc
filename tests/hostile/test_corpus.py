"""The hostile-input corpus: inputs people (and accidents) hand deckgen.

Each case is a folder of input files, a command line, the exit code and a fragment
of the message the user must see. For every case: no traceback, the expected exit
code and message, no input file changed (bytes and permissions), and no temporary
file left behind. Runs in-process with CliRunner and never starts LibreOffice.
"""

from __future__ import annotations

import os
import random
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from tests.hostile import makers

ROOT = Path(__file__).resolve().parents[2]
THEME = (ROOT / "assets" / "themes" / "postal-green.yaml").read_text(encoding="utf-8")
LOGO = (ROOT / "assets" / "logos" / "postal-green.png").read_bytes()
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

TINY = "title: 讲话\nparts:\n  - title: 第一部分\n"


def outline(*extra_slides: str, head: str = "title: 讲话\n") -> str:
    """A one-part outline with the given slides (YAML lines, indented by the caller)."""
    body = "".join(extra_slides)
    return f"{head}parts:\n  - title: 第一部分\n" + (f"    slides:\n{body}" if body else "")


def theme(**changes: str) -> str:
    """The postal-green theme with lines replaced (key -> whole new line), logo absolute."""
    lines = []
    for line in THEME.replace("../logos/postal-green.png", str(ROOT / "assets" / "logos" / "postal-green.png")).splitlines():
        key = line.split(":", 1)[0].strip()
        indent = len(line) - len(line.lstrip(" "))
        same_level = key in changes and len(changes[key]) - len(changes[key].lstrip(" ")) == indent
        lines.append(changes.pop(key) if same_level else line)
    return "\n".join(lines + list(changes.values())) + "\n"


def png(width: int, height: int, *, truncate: bool = False) -> bytes:
    """A grey PNG of the given size; its compressed data is tiny even when huge."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(b"\x00" * ((width + 1) * min(height, 64)))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", raw)
    data = b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")
    return data[: len(data) // 2] if truncate else data


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def damaged_font(path: Path) -> None:
    """DejaVu Sans with 20 KB of its glyph data overwritten: headers load, outlines do not."""
    data = bytearray(Path(DEJAVU).read_bytes())
    start = len(data) // 3
    data[start : start + 20_000] = b"A" * 20_000
    path.write_bytes(bytes(data))


def template_with_image(image: bytes) -> Callable[[Path], None]:
    """A real template (bureau-4x3.pptx) with ``image`` added as a picture part."""

    def make(path: Path) -> None:
        shutil.copy(ROOT / "tests" / "data" / "templates" / "bureau-4x3.pptx", path)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("ppt/media/image99.png", image)

    return make


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.mkdir()


@dataclass
class Case:
    """One hostile input: files to make, the command, and what the user must see."""

    id: str
    argv: list[str]
    exit: int
    message: str
    files: dict[str, bytes | str | Callable[[Path], None]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # symlink name -> target
    hardlinks: dict[str, str] = field(default_factory=dict)
    needs: str | None = None  # a path that must exist (a device) or a program on PATH, else skip


THEMED = {"talk.yaml": outline(head="title: 讲话\ntheme: mine.yaml\n")}

CASES = [
    # --- never lose input -------------------------------------------------------
    Case("outline named .pptx as its own output", ["build", "talk.pptx", "-o", "talk.pptx"], 1, "this is the outline", {"talk.pptx": TINY}),
    Case("output differs from the outline only in case", ["build", "Talk.PPTX", "-o", "talk.pptx"], 1, "this is the outline", {"Talk.PPTX": TINY}),
    Case("output is a symlink to the outline", ["build", "talk.pptx", "-o", "link.pptx"], 1, "this is the outline", {"talk.pptx": TINY}, links={"link.pptx": "talk.pptx"}),
    Case("output is a hard link to the outline", ["build", "talk.pptx", "-o", "hard.pptx"], 1, "this is the outline", {"talk.pptx": TINY}, hardlinks={"hard.pptx": "talk.pptx"}),
    Case("output through a symlinked folder", ["build", "talk.pptx", "-o", "alias/talk.pptx"], 1, "this is the outline", {"talk.pptx": TINY}, links={"alias": "."}),
    Case("output is the figures file", ["build", "talk.yaml", "--values", "figures.pptx", "-o", "figures.pptx"], 1, "this is the figures file", {"talk.yaml": TINY, "figures.pptx": "a: 1\n"}),
    Case("output is the theme's logo", ["build", "talk.yaml", "-o", "logo.pptx"], 1, "this is the theme's logo", {**THEMED, "mine.yaml": theme(logo="logo: logo.pptx"), "logo.pptx": LOGO}),
    Case("output is the theme's font file", ["build", "talk.yaml", "-o", "font.pptx"], 1, "this is the theme's font file", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: font.pptx"), "font.pptx": lambda p: p.symlink_to(FONT)}, needs=FONT),
    Case("one of several outlines is its own default output", ["build", "x.yaml", "out/y.pptx"], 1, "this is the outline (out/y.pptx)", {"x.yaml": TINY, "out/y.pptx": TINY}),
    Case("watch onto its own outline", ["watch", "talk.pptx", "-o", "talk.pptx"], 1, "this is the outline", {"talk.pptx": TINY}),
    Case("watch --pdf onto the outline's PDF name", ["watch", "talk.pdf", "-o", "talk.pptx", "--pdf"], 1, "this is the outline", {"talk.pdf": TINY}),
    Case("build --pdf onto an outline named .pdf", ["build", "talk.pdf", "-o", "talk.pptx", "--pdf"], 1, "this is the outline", {"talk.pdf": TINY}),
    Case("outline writes over its speech", ["outline", "self.yaml", "-o", "self.yaml"], 1, "this is the speech", {"self.yaml": "在全县工作会议上的讲话\n一、抓好党建\n要抓好党建。\n"}),
    Case("outline -o names another file that is not .yaml", ["outline", "self.txt", "-o", "other.txt"], 2, "is a file, not a folder", {"self.txt": "一、抓好党建\n要抓好党建。\n", "other.txt": "keep me\n"}),
    Case("outline writes over its speech via a symlink", ["outline", "speech.txt", "-o", "link.yaml"], 1, "this is the speech", {"speech.txt": "一、抓好党建\n要抓好党建。\n"}, links={"link.yaml": "speech.txt"}),
    Case("outline folder holds the speech as the schema", ["outline", "out/outline.schema.json", "-o", "out"], 1, "this is the speech", {"out/outline.schema.json": "一、抓好党建\n要抓好党建。\n"}),
    Case("outline into a folder that is its own speech", ["outline", "speech.txt", "-o", "speech.txt"], 1, "this is the speech", {"speech.txt": "一、抓好党建\n要抓好党建。\n"}),
    Case("preview onto the theme's logo named contact-sheet.png", ["preview", "talk.yaml", "-o", "."], 1, "this is the theme's logo", {**THEMED, "mine.yaml": theme(logo="logo: contact-sheet.png"), "contact-sheet.png": LOGO}, needs="soffice"),
    Case("preview clearing a logo named like a slide image", ["preview", "talk.yaml", "-o", "."], 1, "preview replaces the slide images there", {**THEMED, "mine.yaml": theme(logo="logo: slide-01.png"), "slide-01.png": LOGO}, needs="soffice"),
    Case("a folder as the preview source", ["preview", "dir"], 1, "preview takes an outline (.yaml) or a deck (.pptx)", {"dir": folder}),
    Case("schema over an outline", ["schema", "-o", "talk.yaml"], 1, "not a JSON Schema", {"talk.yaml": TINY}),
    Case("deck over a read-only file", ["build", "talk.yaml", "-o", "ro.pptx"], 1, "read-only", {"talk.yaml": TINY, "ro.pptx": lambda p: (p.write_bytes(b"old"), p.chmod(0o444))}),
    Case("deck onto a FIFO", ["build", "talk.yaml", "-o", "pipe.pptx"], 1, "pipe.pptx: is not a regular file", {"talk.yaml": TINY, "pipe.pptx": fifo}),
    Case("outline through a symlink loop", ["build", "loop.yaml"], 1, "loop.yaml: cannot read", {}, links={"loop.yaml": "loop.yaml"}),
    Case("deck into a folder that is a file", ["build", "talk.yaml", "-o", "plain/talk.pptx"], 1, "cannot write", {"talk.yaml": TINY, "plain": "not a folder"}),
    # --- YAML tags, control characters, numbers -------------------------------
    Case("YAML tag !foo (check)", ["check", "talk.yaml"], 1, "talk.yaml:1:8: error: YAML tag '!foo' is not allowed", {"talk.yaml": "title: !foo 讲话\nparts:\n  - title: 一\n"}),
    Case("YAML tag !foo (build)", ["build", "talk.yaml"], 1, "talk.yaml:1:8: YAML tag '!foo' is not allowed", {"talk.yaml": "title: !foo 讲话\nparts:\n  - title: 一\n"}),
    Case("YAML tag !!python/name", ["build", "talk.yaml"], 1, "YAML tag 'tag:yaml.org,2002:python/name:os.system'", {"talk.yaml": "title: !!python/name:os.system ''\nparts:\n  - title: 一\n"}),
    Case("YAML tag !!python/object on a mapping", ["check", "talk.yaml"], 1, "talk.yaml:2:", {"talk.yaml": "title: 讲话\nparts: !!python/object:os.Popen\n  args: [ls]\n"}),
    Case("YAML tag !!binary", ["build", "talk.yaml"], 1, "not allowed", {"talk.yaml": "title: !!binary aGVsbG8=\nparts:\n  - title: 一\n"}),
    Case("YAML tag !!set", ["check", "talk.yaml"], 1, "not allowed", {"talk.yaml": "title: 讲话\nparts: !!set {a, b}\n"}),
    Case("escaped NUL in a title (check)", ["check", "talk.yaml"], 1, "talk.yaml:1:8: error: 'title' holds the control character U+0000", {"talk.yaml": 'title: "A\\0B"\nparts:\n  - title: 一\n'}),
    Case("escaped NUL in a title (build)", ["build", "talk.yaml"], 1, "talk.yaml:1:8: 'title' holds the control character U+0000", {"talk.yaml": 'title: "A\\0B"\nparts:\n  - title: 一\n'}),
    Case("escaped ESC in a bullet", ["build", "talk.yaml"], 1, "talk.yaml:8:13: 'bullets[0]' holds the control character U+001B", {"talk.yaml": outline('      - kind: bullets\n        title: 要点\n        bullets:\n          - "\\e[31m红"\n')}),
    Case("escaped U+FFFE in notes", ["check", "talk.yaml"], 1, "U+FFFE", {"talk.yaml": 'title: 讲话\nnotes: "\\uFFFE"\nparts:\n  - title: 一\n'}),
    Case("escaped C1 control in a theme name", ["build", "talk.yaml"], 1, "mine.yaml:2:7: 'name' holds the control character U+0090", {**THEMED, "mine.yaml": theme(name='name: "a\\x90b"')}),
    Case("raw NUL byte in the outline", ["check", "talk.yaml"], 1, "talk.yaml:1:10: error: control character U+0000", {"talk.yaml": b"title: AB\x00C\nparts:\n  - title: x\n"}),
    Case("5,000-digit slide number", ["check", "talk.yaml"], 1, "'number' must be a whole number", {"talk.yaml": outline("      - kind: focus-area\n        title: 重点\n        number: " + "9" * 5000 + "\n        items: [一]\n")}),
    Case("5,000-digit theme size", ["build", "talk.yaml"], 1, "size 'title' must be", {**THEMED, "mine.yaml": theme(title="  title: [28, " + "9" * 5000 + "]")}),
    Case("astronomical theme size (hung the build)", ["build", "talk.yaml"], 1, "max ≤ 400 pt", {**THEMED, "mine.yaml": theme(title="  title: [28, 1.0e+300]")}),
    Case("YAML !!binary title (was built as b'hello')", ["check", "talk.yaml"], 1, "YAML tag 'tag:yaml.org,2002:binary' is not allowed", {"talk.yaml": "title: !!binary aGVsbG8=\nparts:\n  - title: 一\n"}),
    Case("infinite theme size", ["build", "talk.yaml"], 1, "size 'body' must be", {**THEMED, "mine.yaml": theme(body="  body: [18, .inf]")}),
    Case("impossible date stays text", ["check", "-q", "talk.yaml"], 0, "", {"talk.yaml": "title: 讲话\ndate: 2024-13-45\nparts:\n  - title: 一\n"}),
    Case("blank title", ["check", "talk.yaml"], 1, "talk.yaml:1:8: error: 'title' is blank", {"talk.yaml": "title: ''\nparts:\n  - title: 一\n"}),
    Case("blank bullet", ["check", "talk.yaml"], 1, "'bullets[0]' is blank", {"talk.yaml": outline("      - kind: bullets\n        title: 要点\n        bullets: ['  ']\n")}),
    Case("billion laughs", ["check", "talk.yaml"], 1, "error", {"talk.yaml": "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "title: 讲话\nparts: *i\n"}),
    Case("deep nesting", ["check", "talk.yaml"], 1, "error", {"talk.yaml": "title: 讲话\nparts: " + "[" * 20000 + "]" * 20000 + "\n"}),
    Case("a list as the outline", ["check", "talk.yaml"], 1, "the file must be a mapping", {"talk.yaml": "- a\n- b\n"}),
    Case("a complex key", ["check", "talk.yaml"], 1, "unknown key", {"talk.yaml": "? [a, b]\n: c\ntitle: 讲话\nparts:\n  - title: 一\n"}),
    Case("over-long source through an alias: reported where used, advice that fits", ["build", "talk.yaml"], 1, "talk.yaml:9:9: source is too long: 400 characters, at most 300 fit on a slide; shorten it to who said it and where", {"talk.yaml": 'title: 讲话\nnotes: &n "' + "长" * 400 + '"\nparts:\n  - title: 一\n    slides:\n      - kind: statement\n        title: 语\n        text: 短\n        source: *n\n'}),
    Case("over-long cell from an alias in a list: the anchor's line is named", ["check", "talk.yaml"], 1, "talk.yaml:2:8: error: column header is too long: 250 characters, at most 200 fit on a slide; shorten it; put the explanation in the notes (the value comes from an alias whose anchor is defined at line 2)", {"talk.yaml": 'title: 讲话\nnotes: &h "' + "长" * 250 + '"\nparts:\n  - title: 一\n    slides:\n      - kind: metrics\n        title: 指标\n        headers: [*h, 值, 单位, 同比]\n        metrics:\n          - {indicator: 收入, value: "1"}\n'}),
    Case("YAML merge key", ["build", "talk.yaml"], 1, "talk.yaml:3:10: YAML merge keys ('<<:') are not supported in an outline", {"talk.yaml": "x: &x {title: 一}\ntitle: 讲话\nparts: [{<<: *x}]\n"}),
    Case("a 100,000-character font name", ["build", "talk.yaml"], 1, "mine.yaml:20:10: font name '字字字字字字字字字字字字字字字字字字字字…' is 100,000 characters; PowerPoint takes at most 31", {**THEMED, "mine.yaml": theme(latin="  latin: " + "字" * 100_000)}),
    Case("-o into a folder that does not exist", ["build", "talk.yaml", "-o", "typo/talk.pptx"], 1, "-o typo/talk.pptx: folder typo does not exist; create it or fix the path", {"talk.yaml": TINY}),
    Case("watch -o into a folder that does not exist", ["watch", "talk.yaml", "-o", "typo/talk.pptx"], 1, "folder typo does not exist", {"talk.yaml": TINY}),
    # --- files that are not files ------------------------------------------------
    Case("/dev/zero as the outline", ["build", "/dev/zero"], 1, "/dev/zero: is not a regular file", needs="/dev/zero"),
    Case("/dev/zero as the speech", ["outline", "/dev/zero"], 1, "/dev/zero: is not a regular file", needs="/dev/zero"),
    Case("/dev/zero as the figures file", ["build", "talk.yaml", "--values", "/dev/zero"], 1, "/dev/zero: is not a regular file", {"talk.yaml": TINY}, needs="/dev/zero"),
    Case("a FIFO as the outline (build)", ["build", "pipe.yaml"], 1, "pipe.yaml: is not a regular file", {"pipe.yaml": fifo}),
    Case("a FIFO as the outline (check)", ["check", "pipe.yaml"], 1, "pipe.yaml: error: is not a regular file", {"pipe.yaml": fifo}),
    Case("a FIFO as the outline (watch)", ["watch", "pipe.yaml"], 1, "pipe.yaml: is not a regular file", {"pipe.yaml": fifo}),
    Case("a FIFO as the speech", ["outline", "pipe.txt"], 1, "pipe.txt: is not a regular file", {"pipe.txt": fifo}),
    Case("a FIFO as the theme", ["build", "talk.yaml"], 1, "theme", {**THEMED, "mine.yaml": fifo}),
    Case("a folder as the outline", ["build", "dir.yaml"], 1, "dir.yaml: is a folder", {"dir.yaml": folder}),
    Case("a folder as the speech", ["outline", "dir"], 1, "dir: is a folder", {"dir": folder}),
    Case("a folder as the figures file", ["build", "talk.yaml", "--values", "dir.yaml"], 1, "dir.yaml: is a folder", {"talk.yaml": TINY, "dir.yaml": folder}),
    Case("a folder as check's outline", ["check", "dir.yaml"], 1, "is a folder", {"dir.yaml": folder}),
    Case("a 300-character output name", ["build", "talk.yaml", "-o", "d" * 300 + ".pptx"], 1, "cannot write", {"talk.yaml": TINY}),
    Case("a 300-character outline name", ["build", "t" * 300 + ".yaml"], 1, "cannot read", {}),
    Case("a 300-character output folder for outline", ["outline", "speech.txt", "-o", "d" * 300], 1, "cannot write", {"speech.txt": "一、抓好党建\n要抓好党建。\n"}),
    Case("a binary file as the outline", ["check", "talk.yaml"], 1, "not UTF-8 text", {"talk.yaml": LOGO}),
    Case("Latin-1 outline", ["check", "talk.yaml"], 1, "talk.yaml:1:1: error: not UTF-8 text", {"talk.yaml": "title: café\n".encode("latin-1")}),
    Case("UTF-16 with a broken BOM body", ["check", "talk.yaml"], 1, "not valid UTF-16", {"talk.yaml": b"\xff\xfe\x00\xd8"}),
    # --- images and fonts -----------------------------------------------------------
    Case("decompression-bomb logo", ["build", "talk.yaml"], 1, "logo has too many pixels", {**THEMED, "mine.yaml": theme(logo="logo: bomb.png"), "bomb.png": png(40000, 40000)}),
    Case("oversize logo", ["build", "talk.yaml"], 1, "logo is 6000×6000 pixels", {**THEMED, "mine.yaml": theme(logo="logo: big.png"), "big.png": png(6000, 6000)}),
    Case("truncated PNG logo", ["build", "talk.yaml"], 1, "logo is a broken or truncated image", {**THEMED, "mine.yaml": theme(logo="logo: cut.png"), "cut.png": png(64, 64, truncate=True)}),
    Case("a 400-character logo name (found by the theme fuzz)", ["build", "talk.yaml"], 1, "logo file not found", {**THEMED, "mine.yaml": theme(logo="logo: " + "9" * 400)}),
    Case("a 400-character --theme", ["build", "talk.yaml", "--theme", "t" * 400 + ".yaml"], 1, "unknown theme", {"talk.yaml": TINY}),
    Case("a text file as the logo", ["check", "talk.yaml"], 1, "logo must be a PNG or JPEG image", {**THEMED, "mine.yaml": theme(logo="logo: logo.png"), "logo.png": "not a picture"}),
    Case("a text file as a font file", ["build", "talk.yaml"], 1, "not.ttf is not a TrueType or OpenType font file", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: not.ttf"), "not.ttf": "hello"}),
    Case("a font file with damaged glyphs (build)", ["build", "talk.yaml"], 1, "mine.yaml:21:15: font file bad.ttf is damaged: its glyphs cannot be measured", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: bad.ttf"), "bad.ttf": damaged_font}, needs=DEJAVU),
    Case("a font file with damaged glyphs (check)", ["check", "talk.yaml"], 1, "font file bad.ttf is damaged", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: bad.ttf"), "bad.ttf": damaged_font}, needs=DEJAVU),
    Case("decompression-bomb picture in a template", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: ppt/media/image99.png: the template's image has too many pixels", {"talk.yaml": TINY, "org.pptx": template_with_image(png(30000, 30000))}),
    Case("oversize picture in an outline's template (check)", ["check", "talk.yaml"], 1, "ppt/media/image99.png: the template's image is 6000×6000 pixels, more than the 25 million allowed", {"talk.yaml": outline(head="title: 讲话\ntemplate: org.pptx\n"), "org.pptx": template_with_image(png(6000, 6000))}),
    Case("a theme's template with a bomb picture", ["build", "talk.yaml"], 1, "org.pptx: ppt/media/image99.png", {**THEMED, "mine.yaml": theme(template="template: org.pptx"), "org.pptx": template_with_image(png(30000, 30000))}),
    # --- organisation templates: damaged, oversized, bombs ------------------------------
    Case("template zip with a bad CRC (was zlib.error)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: template is damaged or not a presentation (ppt/presentation.xml cannot be unpacked", {"talk.yaml": TINY, "org.pptx": makers.bad_crc}),
    Case("template without cx in p:sldSz (was TypeError)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: template is damaged or not a presentation (the slide size has no valid cx", {"talk.yaml": TINY, "org.pptx": makers.no_cx}),
    Case("template with a 0 × 0 slide (was ZeroDivisionError)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "the slide size cx=0 EMU is outside the 1 to 56 inches", {"talk.yaml": TINY, "org.pptx": makers.zero_size}),
    Case("template without [Content_Types].xml (was KeyError)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: template is damaged or not a presentation (it has no [Content_Types].xml)", {"talk.yaml": TINY, "org.pptx": makers.no_content_types}),
    Case("template without [Content_Types].xml (check)", ["check", "talk.yaml"], 1, "org.pptx: error: template is damaged", {"talk.yaml": outline(head="title: 讲话\ntemplate: org.pptx\n"), "org.pptx": makers.no_content_types}),
    Case("a 51 MB template", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: template is larger than 50 MB", {"talk.yaml": TINY, "org.pptx": makers.oversize_file}),
    Case("a template part of 25 MB (was read whole)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: ppt/media/image1.png: the template's part is larger than 20 MB unpacked", {"talk.yaml": TINY, "org.pptx": makers.huge_member}),
    Case("a template part lying about its size", ["build", "talk.yaml", "--template", "org.pptx"], 1, "(ppt/media/image7.png cannot be unpacked: Bad CRC-32", {"talk.yaml": TINY, "org.pptx": makers.lying_member}),
    Case("a 20000 × 20000 picture under ppt/pictures/ (was copied into the deck)", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: ppt/pictures/bomb.png: the template's image has too many pixels", {"talk.yaml": TINY, "org.pptx": makers.picture_bomb}),
    Case("a billion laughs in a template's layout", ["build", "talk.yaml", "--template", "org.pptx"], 1, "org.pptx: template is damaged or not a presentation", {"talk.yaml": TINY, "org.pptx": makers.billion_laughs}),
    # --- speech documents --------------------------------------------------------------
    Case("random bytes named .doc (was exit 0 with an outline of gibberish)", ["outline", "speech.doc", "-o", "talk.yaml"], 1, "speech.doc: is not a .doc file: its content is none of the word-processor formats", {"speech.doc": random.Random(19).randbytes(6000)}),
    Case("random bytes named .wps", ["outline", "speech.wps"], 1, "speech.wps: is not a .wps file", {"speech.wps": random.Random(20).randbytes(3000)}),
    Case("plain text named .pdf", ["outline", "speech.pdf"], 1, "speech.pdf: is not a .pdf file: its content is not a PDF", {"speech.pdf": "一、抓好党建\n要抓好党建。\n"}),
    Case("plain text named .docx", ["outline", "speech.docx"], 1, "speech.docx: is not a .docx file", {"speech.docx": "一、抓好党建\n要抓好党建。\n"}),
    Case("a .docx of 210 MB of zeros (was read: 2 GB took 23 s and 4.2 GB of memory)", ["outline", "speech.docx"], 1, "speech.docx: unpacks to 210 MB, more than the 200 MB deckgen reads", {"speech.docx": lambda p: makers.zero_docx(p, unpacked_mb=210)}),
    Case("a PDF without text", ["outline", "speech.pdf"], 1, "speech.pdf: the PDF holds no text", {"speech.pdf": makers.pdf([])}),
    Case("a web page without text named .doc", ["outline", "speech.doc"], 1, "speech.doc: the web page holds no text", {"speech.doc": "<html><body><img src='x.png'></body></html>"}),
    Case("a deck whose zip says it unpacks to 4 GB, to preview", ["preview", "bomb.pptx", "-o", "out"], 1, "unpacks to 4,096 MB, more than the 1024 MB deckgen reads", {"bomb.pptx": makers.claims_to_unpack_to(0xFFFFFFFF)}, needs="soffice"),
    # --- YAML tags on lists and mappings ------------------------------------------------
    Case("!!str over the parts list (was built, exit 0)", ["build", "talk.yaml"], 1, "talk.yaml:2:8: YAML tag 'tag:yaml.org,2002:str' is not allowed in an outline", {"talk.yaml": "title: 讲话\nparts: !!str\n  - title: 一\n"}),
    Case("!!str over the parts list (check)", ["check", "talk.yaml"], 1, "talk.yaml:2:8: error: YAML tag 'tag:yaml.org,2002:str' is not allowed", {"talk.yaml": "title: 讲话\nparts: !!str\n  - title: 一\n"}),
    Case("!!str on a part's mapping", ["check", "talk.yaml"], 1, "talk.yaml:3:5: error: YAML tag 'tag:yaml.org,2002:str'", {"talk.yaml": "title: 讲话\nparts:\n  - !!str\n    title: 一\n"}),
    Case("!!seq on a mapping", ["check", "talk.yaml"], 1, "YAML tag 'tag:yaml.org,2002:seq' is not allowed", {"talk.yaml": "title: 讲话\nparts:\n  - !!seq\n    title: 一\n"}),
    Case("!!str over a theme's fonts mapping", ["build", "talk.yaml"], 1, "mine.yaml:19:8: YAML tag 'tag:yaml.org,2002:str' is not allowed in a theme", {**THEMED, "mine.yaml": theme(fonts="fonts: !!str")}),
    Case("!!str over a figures entry", ["check", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml:1:8: error: YAML tag 'tag:yaml.org,2002:str' is not allowed in a figures file", {"talk.yaml": TINY, "f.yaml": "快递业务量: !!str\n  value: 1\n"}),
    Case("!!str over the replacements", ["build", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml:1:10: YAML tag 'tag:yaml.org,2002:str' is not allowed", {"talk.yaml": TINY, "f.yaml": "replace: !!str\n  讲话: 报告\n"}),
    Case("a theme font file that is a folder", ["build", "talk.yaml"], 1, "mine.yaml:21:15: fonts.ttf is a folder, not a font file", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: fonts.ttf"), "fonts.ttf": folder}),
    Case("a theme font file that is missing (check)", ["check", "talk.yaml"], 1, "mine.yaml:21:15: error: font file not found: gone.ttf", {**THEMED, "mine.yaml": theme(latin="  latin: Noto Sans CJK SC\n  latin_file: gone.ttf")}),
    # --- theme templates ---------------------------------------------------------------
    Case("footer conversion and format", ["build", "talk.yaml"], 1, "footer writes {date!r:x}", {**THEMED, "mine.yaml": theme(footer='footer: "{date!r:x}"')}),
    Case("slide number with a huge width", ["build", "talk.yaml"], 1, "slide_number writes {n:99999999999}", {**THEMED, "mine.yaml": theme(slide_number='slide_number: "{n:99999999999}"')}),
    Case("footer padded to ten million", ["build", "talk.yaml"], 1, "footer writes {organisation:10000000}", {**THEMED, "mine.yaml": theme(footer='footer: "{organisation:10000000}"')}),
    Case("footer with an attribute", ["check", "talk.yaml"], 1, "names unknown field {date.year}", {**THEMED, "mine.yaml": theme(footer='footer: "{date.year}"')}),
    Case("footer with a positional field", ["check", "talk.yaml"], 1, "names unknown field {}", {**THEMED, "mine.yaml": theme(footer='footer: "{}"')}),
    Case("YAML tag in a theme", ["build", "talk.yaml"], 1, "mine.yaml:2:7: YAML tag", {**THEMED, "mine.yaml": theme(name="name: !!python/object:os.system x")}),
    # --- figures files -------------------------------------------------------------------
    Case("CSV cell over 131,072 characters", ["build", "talk.yaml", "--values", "big.csv"], 1, "big.csv:2:1: not a readable CSV line", {"talk.yaml": TINY, "big.csv": "indicator,value\n\"" + "9" * 140_000 + "\",1\n"}),
    Case("CSV with an unclosed quote", ["check", "talk.yaml", "--values", "bad.csv"], 1, "bad.csv", {"talk.yaml": TINY, "bad.csv": 'indicator,value\n"a,1\n'}),
    Case("escaped NUL in a replacement", ["build", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml:2:3: holds the control character U+0000", {"talk.yaml": TINY, "f.yaml": 'replace:\n  讲话: "A\\0B"\n'}),
    Case("figures entry with a complex key", ["check", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml", {"talk.yaml": TINY, "f.yaml": "指标:\n  ? [a]\n  : 1\n"}),
    Case("figures YAML with a tag", ["check", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in a figures file", {"talk.yaml": TINY, "f.yaml": "x: !!python/name:os.system 1\n"}),
    Case("figures NUL byte", ["check", "talk.yaml", "--values", "f.csv"], 1, "f.csv", {"talk.yaml": TINY, "f.csv": b"indicator,value\nA\x00,1\n"}),
    Case("CSV header cell without a title", ["build", "talk.yaml", "--values", "f.csv"], 1, "f.csv:1:11: column 2 has no title", {"talk.yaml": TINY, "f.csv": "indicator,,2024年\nA,1,2\n"}),
    Case("CSV column no table has", ["build", "talk.yaml", "--values", "f.csv"], 1, "f.csv:2:7: “快递业务量” has no columns",
         {"talk.yaml": outline("      - {kind: metrics, title: 表, metrics: [{indicator: 快递业务量, value: X}]}\n"), "f.csv": "indicator,2024年\n快递业务量,21530\n"}),
    Case("figures values by column: a nested value", ["check", "talk.yaml", "--values", "f.yaml"], 1, "f.yaml:1:17: error: “快递业务量”: 'values' must be",
         {"talk.yaml": TINY, "f.yaml": "快递业务量: {values: {2024年: [1]}}\n"}),
    # --- usage errors are exit 2, bad input exit 1 ---------------------------------------
    Case("unknown option", ["build", "--nope"], 2, "No such option"),
    Case("unknown --theme", ["build", "talk.yaml", "--theme", "nope"], 1, "--theme nope: unknown theme", {"talk.yaml": TINY}),
    Case("-o with a non-deck suffix", ["build", "talk.yaml", "-o", "talk.docx"], 2, "a deck must end in .pptx", {"talk.yaml": TINY}),
]


def _make(case: Case, where: Path) -> None:
    for name, content in case.files.items():
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        else:
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    for name, target in case.links.items():
        (where / name).symlink_to(target)
    for name, target in case.hardlinks.items():
        os.link(where / target, where / name)


def _snapshot(where: Path) -> dict[str, tuple[int, bytes | None]]:
    """Mode and bytes of every regular file (not following links), mode of the rest."""
    out: dict[str, tuple[int, bytes | None]] = {}
    for path in where.rglob("*"):
        info = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        out[str(path.relative_to(where))] = (info.st_mode, content)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.needs and not (Path(case.needs).exists() or shutil.which(case.needs)):
        pytest.skip(f"{case.needs} is not here")
    _make(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    result = CliRunner().invoke(cli, case.argv)
    shown = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}\n{shown}"
    )
    assert "Traceback" not in shown
    assert result.exit_code == case.exit, shown
    assert case.message in shown, shown
    after = _snapshot(tmp_path)
    changed = [name for name, state in before.items() if after.get(name) != state]
    assert not changed, f"inputs changed: {changed}"
    leftovers = [name for name in after if name not in before and (".tmp" in name or ".deckgen-" in name)]
    assert not leftovers, f"temporary files left: {leftovers}"


def test_the_corpus_covers_every_command_that_writes() -> None:
    commands = {c.argv[0] for c in CASES if "-o" in c.argv}
    assert commands >= {"build", "outline", "watch", "schema"}


def test_a_speech_with_page_breaks_and_stray_controls_gives_an_outline_check_accepts(tmp_path: Path) -> None:
    speech = tmp_path / "speech.txt"
    speech.write_bytes("在全县工作会议上的讲话\n同志们：\n一、抓好党建\x0c\n要抓好党建\x07，确保实效。\x0b二、抓好服务\n要抓好服务。\n".encode())
    out = tmp_path / "talk.yaml"
    assert CliRunner().invoke(cli, ["outline", str(speech), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", "-q", str(out)])
    assert result.exit_code == 0, result.output
    from deckgen.outline.loader import load_outline

    # The vertical tab Word writes for a manual line break ended a line: 二、 opens a part.
    assert [p.title for p in load_outline(out).deck.parts] == ["抓好党建", "抓好服务"]


def test_watch_finds_the_theme_of_an_outline_yaml_cannot_construct(tmp_path: Path) -> None:
    from deckgen.watch import watched_files

    outline = tmp_path / "talk.yaml"
    theme_file = tmp_path / "mine.yaml"
    theme_file.write_text(THEME, encoding="utf-8")
    outline.write_text(f"title: 讲话\ndate: 2024-13-45\nnumber: {'9' * 5000}\ntheme: mine.yaml\nparts:\n  - title: 一\n", encoding="utf-8")
    assert watched_files(outline, None, None) == [outline, theme_file]
