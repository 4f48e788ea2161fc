"""Hostile documents and hostile conditions that need more than one CLI call to show:
work counted on a 60,000-glyph PDF line, a copy-protected PDF, a build killed with
``kill -9``, a full disk under ``outline -o folder`` and a font folder the user
cannot look into."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.speech import pdffile
from deckgen.speech.documents import document_from_bytes
from tests.hostile import makers

ROOT = Path(__file__).resolve().parents[2]
SPEECH = "在全县工作会议上的讲话\n同志们：\n一、抓好党建\n要抓好党建，确保实效。\n二、抓好服务\n要抓好服务。\n"
TALK = "title: 讲话\nparts:\n  - title: 第一部分\n    slides:\n      - {kind: bullets, title: 要点, bullets: [一, 二]}\n"


# --- PDF line rebuilding is linear in the glyphs --------------------------------------


class Glyph:
    """A character box that counts how often its coordinates are read."""

    reads = 0

    def __init__(self, x: float, y: float) -> None:
        self._x0, self._y0, self._y1 = x, y, y + 10.0

    @property
    def x0(self) -> float:
        Glyph.reads += 1
        return self._x0

    @property
    def y0(self) -> float:
        Glyph.reads += 1
        return self._y0

    @property
    def y1(self) -> float:
        Glyph.reads += 1
        return self._y1


def reads_to_group(count: int) -> int:
    """Coordinate reads :func:`pdffile._rows` makes for one line of ``count`` glyphs
    (with a line above and below it)."""
    glyphs = [Glyph(0, 700), *(Glyph(n * 0.01, 400 + (n % 3) * 0.5) for n in range(count)), Glyph(0, 100)]
    Glyph.reads = 0
    rows = pdffile._rows(glyphs)
    assert [len(row) for row in rows] == [1, count, 1]
    return Glyph.reads


def test_pdf_rows_are_grouped_with_work_linear_in_the_glyphs() -> None:
    """Issue 19: 5,000 glyphs took 3.5 s, 20,000 about 50 s, 60,000 277 s (each glyph
    re-read the whole row). Now each glyph's box is read a fixed number of times."""
    small, large = reads_to_group(1_000), reads_to_group(60_000)
    assert large <= 6 * 60_002
    assert large / small < 61  # 60 times the glyphs, at most 60 times the work


def test_a_60000_glyph_line_is_read_whole() -> None:
    raw = makers.pdf(["Opening line of the speech."] + ["ab" * 30_000] + ["Closing line."], font_size=0.5, char_width=0.009, page=(700, 842))
    text = document_from_bytes(raw, name="long.pdf", suffix=".pdf").text
    assert "ab" * 30_000 in text.replace("\n", "")


def test_a_copy_protected_pdf_reads_without_pdfminers_warning(tmp_path: Path) -> None:
    """Issue 19: an owner-password PDF printed pdfminer's warning with an object address."""
    speech = tmp_path / "protected.pdf"
    speech.write_bytes(makers.pdf(["Speech at the county meeting", "Comrades,", "Work on the roads must go on."], owner_password="owner"))
    # A process of its own: under pytest, logging goes to pytest's handler, not stderr.
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", "outline", str(speech), "-o", str(tmp_path / "talk.yaml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "DECKGEN_CACHE_DIR": ""},
    )
    shown = result.stdout + result.stderr
    assert result.returncode == 0, shown
    assert "object at 0x" not in shown and "Ignoring this field" not in shown
    assert "Work on the roads must go on" in (tmp_path / "talk.yaml").read_text(encoding="utf-8")


# --- kill -9 and full disks -------------------------------------------------------------


def test_a_write_killed_with_kill_9_leaves_no_tmp_the_next_run_keeps(tmp_path: Path) -> None:
    """The deck's temporary file is written, then the writer is killed before the rename
    (held at fsync so the kill lands mid-write); the next build clears it."""
    (tmp_path / "talk.yaml").write_text(TALK, encoding="utf-8")
    holder = (
        "import os, sys, time\n"
        "os.fsync = lambda fd: time.sleep(120)\n"
        "from deckgen.files import write_atomic\n"
        "write_atomic(sys.argv[1], b'x' * 5_000_000)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", holder, str(tmp_path / "talk.pptx")], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".deckgen-*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    left = list(tmp_path.glob(".deckgen-*.tmp"))
    assert left, "the killed write left no temporary file to clear"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "talk.yaml"), "-o", str(tmp_path / "talk.pptx")])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob(".deckgen-*.tmp")) == []
    assert (tmp_path / "talk.pptx").stat().st_size > 0


def test_only_leftovers_of_processes_that_are_gone_are_cleared(tmp_path: Path) -> None:
    from deckgen.files import clear_leftovers

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead = int(gone.stdout)  # a process that has exited
    alive = os.getppid()  # our parent runs
    for pid in (dead, alive):
        (tmp_path / f".deckgen-{pid}-abc.tmp").write_bytes(b"half a deck")
        (tmp_path / f".deckgen-pdf-{pid}-xyz").mkdir()
        (tmp_path / f".deckgen-pdf-{pid}-xyz" / "talk.pdf").write_bytes(b"half a PDF")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.pdf").write_bytes(b"mine")
    (tmp_path / f".deckgen-png-{dead}-link").symlink_to(outside)
    clear_leftovers(tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([f".deckgen-{alive}-abc.tmp", f".deckgen-pdf-{alive}-xyz", f".deckgen-png-{dead}-link", "outside"])
    assert (outside / "keep.pdf").exists()


def _full_disk() -> None:
    """In the child: files may not grow past 2 KB (writes fail with EFBIG, as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_outline_into_a_new_folder_on_a_full_disk_leaves_no_folder(tmp_path: Path) -> None:
    """Issue 19: ``outline -o folder`` on a full disk left an empty folder."""
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH * 20, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", "outline", str(speech), "-o", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, preexec_fn=_full_disk, timeout=120,
        env={**os.environ, "DECKGEN_CACHE_DIR": ""},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "cannot write" in result.stderr
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["speech.txt"]


# --- a font folder the user cannot look into -------------------------------------------


def _as_a_user_who_cannot_read(folder: Path) -> list[str]:
    """The command prefix that runs deckgen as a user to whom ``folder`` is closed:
    ``nobody`` when the tests run as root (root reads everything), else this user
    with the folder's permissions taken away."""
    if os.geteuid() != 0:
        folder.chmod(0)
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not here to drop root")
    folder.chmod(0o700)  # root's own: nobody cannot look in
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def test_a_home_font_folder_that_cannot_be_read_is_skipped() -> None:
    """Issue 19: a folder on the font path this user cannot read raised PermissionError
    (~/.local/share/fonts under a home folder closed to the user)."""
    work = Path(tempfile.mkdtemp(prefix="deckgen-fonts-"))
    try:
        work.chmod(0o777)
        closed_home = work / "home"
        closed_home.mkdir()
        (closed_home / ".fonts").mkdir()
        (work / "talk.yaml").write_text(TALK, encoding="utf-8")
        (work / "talk.yaml").chmod(0o644)
        prefix = _as_a_user_who_cannot_read(closed_home)
        env = {**os.environ, "HOME": str(closed_home), "DECKGEN_CACHE_DIR": "", "DECKGEN_FONT_DIRS": str(closed_home / ".fonts"), "PYTHONDONTWRITEBYTECODE": "1"}
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "deckgen", "build", "talk.yaml", "-o", "talk.pptx"],
            cwd=work, capture_output=True, text=True, timeout=300, env=env,
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
        assert (work / "talk.pptx").stat().st_size > 0
    finally:
        (work / "home").chmod(0o700)
        shutil.rmtree(work, ignore_errors=True)
