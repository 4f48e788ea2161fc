"""LibreOffice and poppler as subprocesses: PPTX -> PDF -> PNG, plus a contact sheet.

Everything here is optional tooling: deckgen builds decks without LibreOffice, and
only ``--pdf`` and ``preview`` need it. A missing program raises
:class:`~deckgen.errors.ToolMissingError` whose message says how to install it.

Speed matters because people run this in an edit loop: LibreOffice costs 2-5 s to
start, so :func:`convert_to_pdf` converts any number of decks in ONE invocation.
Each call gets its own throw-away profile directory, which is what lets several
conversions (parallel tests, two terminals) run at once; sharing the default profile
makes the second soffice hand its work to the first and exit, or fail on the lock.

No conversion reaches the network: a document or deck may link pictures, sections,
OLE objects or templates by URL, and LibreOffice would fetch them. The profile blocks
external links and points every fetch at a proxy that is not there, and on Linux
soffice runs in a network namespace of its own (:func:`network_jail`). Documents
with such links still convert; the links are simply left out.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from deckgen.errors import DeckgenError, ToolMissingError
from deckgen.files import check_unpacked_size, clear_leftovers, temp_prefix, write_atomic

#: A deck handed to LibreOffice unpacks to at most this (a 5,000-slide deck is far less).
MAX_UNPACKED_DECK_BYTES = 1024 * 1024 * 1024
#: Seconds allowed for one soffice run: start-up plus a few seconds per deck.
DEFAULT_TIMEOUT_BASE = 60.0
DEFAULT_TIMEOUT_PER_FILE = 20.0

#: Where installers put soffice when it is not on PATH (the usual case on Windows
#: and macOS, where the installer does not touch PATH).
EXTRA_SOFFICE_PATHS: tuple[str, ...] = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/snap/bin/libreoffice",
)

SOFFICE_INSTALL_HINT = """\
LibreOffice is needed to make PDFs and previews, and it was not found.
Install it, then run the command again:
  Debian/Ubuntu: sudo apt-get install libreoffice-impress fonts-noto-cjk
  Windows:       download it from https://www.libreoffice.org/download/
                 or run: winget install TheDocumentFoundation.LibreOffice
  macOS:         brew install --cask libreoffice
Building .pptx decks works without it."""

POPPLER_INSTALL_HINT = """\
{tool} (from poppler) is needed to turn PDF pages into images, and it was not found.
  Debian/Ubuntu: sudo apt-get install poppler-utils
  Windows:       winget install oschwartz10612.Poppler (or conda install poppler)
  macOS:         brew install poppler"""


def find_soffice() -> str | None:
    """Return the path of the LibreOffice ``soffice`` program, or ``None``.

    Looks on ``PATH`` for ``soffice`` and ``libreoffice`` first, then in the usual
    install folders of Windows, macOS and Linux (:data:`EXTRA_SOFFICE_PATHS`).
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in EXTRA_SOFFICE_PATHS:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_soffice() -> str:
    """Return the path of ``soffice``.

    Raises:
        ToolMissingError: LibreOffice is not installed; the message says how to
            install it on Debian/Ubuntu, Windows and macOS.
    """
    found = find_soffice()
    if found is None:
        raise ToolMissingError(SOFFICE_INSTALL_HINT)
    return found


def _require_tool(name: str) -> str:
    """Return the path of a poppler program, or raise ToolMissingError."""
    found = shutil.which(name)
    if found is None:
        raise ToolMissingError(POPPLER_INSTALL_HINT.format(tool=name))
    return found


def _convert_command(program: str, profile: Path, fmt: str, outdir: Path, sources: list[Path]) -> list[str]:
    """soffice's command line converting ``sources`` to ``fmt`` into ``outdir``, with a
    private profile so a running office or another conversion cannot interfere, and
    without network (see :func:`_offline_profile` and :func:`network_jail`)."""
    _offline_profile(profile)
    return [
        *network_jail(),
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]


#: The profile settings that keep a conversion off the network: documents may link
#: pictures, sections, OLE objects and templates by URL, and LibreOffice fetches
#: them when it opens the document. Links are never updated, external pictures are
#: blocked as untrusted, and every URL LibreOffice would fetch goes to a proxy that
#: is not there (port 9 of this machine, refused at once), with no exceptions.
OFFLINE_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "boolean", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "int", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "boolean", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "int", "2"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "int", "2"),
    ("/org.openoffice.Office.Impress/Content/Update", "Link", "int", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "int", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", "string", ""),
)


def _offline_profile(profile: Path) -> None:
    """Write the user settings of a fresh profile folder: :data:`OFFLINE_SETTINGS`."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, _kind, value in OFFLINE_SETTINGS
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + items + "</oor:items>\n",
        encoding="utf-8",
    )


@functools.lru_cache(maxsize=1)
def network_jail() -> tuple[str, ...]:
    """The command prefix that runs a program without any network, where the system
    offers one: Linux's ``unshare`` into a new user and network namespace (no root
    needed), checked once by running ``true`` in it. Elsewhere the profile settings
    alone keep LibreOffice offline."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return ()
    prefix = (unshare, "--user", "--map-root-user", "--net")
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return prefix if probe.returncode == 0 else ()


def _run(
    cmd: list[str], timeout: float, what: str, env: dict | None = None, *, poll: Callable[[], None] | None = None
) -> subprocess.CompletedProcess:
    """Run ``cmd`` in its own process group; kill the whole group on timeout.

    soffice forks helpers (oosplash -> soffice.bin); killing only the parent would
    leave a headless office running and holding the profile lock. ``poll`` is called
    about four times a second while the program runs (to report progress).

    Raises:
        DeckgenError: the program ran longer than ``timeout`` seconds.
    """
    posix = os.name == "posix"
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=posix,
        env=env,
    )
    try:
        out, err = _communicate(proc, timeout, poll)
    except subprocess.TimeoutExpired:
        if posix:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            proc.kill()
        proc.communicate()
        raise DeckgenError(f"{what} did not finish within {timeout:g} s and was stopped") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _communicate(proc: subprocess.Popen, timeout: float, poll: Callable[[], None] | None) -> tuple[bytes, bytes]:
    """``proc.communicate(timeout=timeout)``, calling ``poll`` every quarter second."""
    if poll is None:
        return proc.communicate(timeout=timeout)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return proc.communicate(timeout=min(0.25, max(0.0, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                raise
            poll()


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").strip()


def convert_to_pdf(
    pptx_paths: list[Path],
    outdir: Path,
    timeout: float | None = None,
    soffice: str | None = None,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Convert decks to PDF with one LibreOffice run; return the PDFs in input order.

    ``outdir/<stem>.pdf`` is written for each input. Files appear atomically: soffice
    writes into a temporary folder inside ``outdir`` and each finished PDF is moved
    into place, so a reader never sees half a PDF and a failed run leaves the old
    PDFs untouched.

    Args:
        pptx_paths: the decks; their file names (stems) must differ.
        outdir: folder for the PDFs, created if missing.
        timeout: seconds for the whole run; default 60 s + 20 s per deck.
        soffice: the program to run; default :func:`require_soffice`.
        on_progress: called with (decks converted, decks) while LibreOffice runs.

    Returns:
        The PDF paths, one per input, in the same order.

    Raises:
        ToolMissingError: LibreOffice is not installed.
        DeckgenError: an input is missing, two inputs share a stem, soffice timed
            out, or a PDF did not appear (the message carries soffice's output).
    """
    sources = [Path(p).resolve() for p in pptx_paths]
    if not sources:
        return []
    _check_sources(sources)
    program = soffice or require_soffice()
    if timeout is None:
        timeout = DEFAULT_TIMEOUT_BASE + DEFAULT_TIMEOUT_PER_FILE * len(sources)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="deckgen-lo-profile-"))
    clear_leftovers(outdir)
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix("pdf"), dir=outdir))
    try:
        copies = _spaced_copies(sources, profile)
        cmd = _convert_command(program, profile, "pdf", staging, copies)
        poll = None
        if on_progress is not None:
            on_progress(0, len(sources))
            # A PDF is finished once LibreOffice has started on the next deck.
            poll = lambda: on_progress(max(0, sum(1 for _ in staging.glob("*.pdf")) - 1), len(sources))  # noqa: E731
        result = _run(cmd, timeout, "LibreOffice (soffice)", _stand_in_env(copies, profile), poll=poll)
        produced = [staging / f"{src.stem}.pdf" for src in sources]
        missing = [src for src, pdf in zip(sources, produced) if not _nonempty(pdf)]
        if missing:
            raise DeckgenError(_conversion_failure(missing, result))
        targets = [outdir / pdf.name for pdf in produced]
        for pdf, target in zip(produced, targets):
            os.replace(pdf, target)
        if on_progress is not None:
            on_progress(len(sources), len(sources))
        return targets
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def _spaced_copies(sources: list[Path], folder: Path) -> list[Path]:
    """Copies of the decks that LibreOffice spaces as PowerPoint does (no stray space
    beside full-width punctuation; see :mod:`deckgen.render.lospace`), same names;
    a deck that cannot be read as one is handed over as it is (soffice then says why)."""
    import zipfile

    from lxml import etree

    from deckgen.render.lospace import spaced_copy

    copies_dir = folder / "decks"
    copies_dir.mkdir()
    copies = []
    for source in sources:
        try:
            copies.append(spaced_copy(source, copies_dir / source.name))
        except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
            copies.append(source)
    return copies


def _stand_in_env(sources: list[Path], profile: Path) -> dict | None:
    """The environment for soffice: faces the decks name but this machine lacks
    render in their declared stand-ins (Noto CJK), the faces layout measured with."""
    import re
    import zipfile

    from deckgen.typeset.fonts import fontconfig_stand_ins

    names: list[str] = []
    for source in sources:
        try:
            with zipfile.ZipFile(source) as deck:
                for member in deck.namelist():
                    if member.startswith("ppt/theme/") and member.endswith(".xml"):
                        names += re.findall(r'<a:(?:latin|ea) typeface="([^"]*)"', deck.read(member).decode("utf-8", "replace"))
        except (OSError, zipfile.BadZipFile):
            continue
    conf = fontconfig_stand_ins(names)
    if conf is None:
        return None
    path = profile / "fonts.conf"
    path.write_text(conf, encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(path)}


WRITER_INSTALL_HINT = """\
LibreOffice with its writer component is needed to read .doc, .wps, .rtf and .odt files,
and it was not found. Install it, or save the speech as .docx or plain text instead:
  Debian/Ubuntu: sudo apt-get install libreoffice-writer
  Windows:       winget install TheDocumentFoundation.LibreOffice
  macOS:         brew install --cask libreoffice"""


def convert_document(source: Path, outdir: Path, *, fmt: str = "docx", timeout: float = 120.0) -> Path:
    """Convert one word-processor file (.doc, .wps, .rtf, .odt …) with LibreOffice's writer.

    Returns ``outdir/<stem>.<fmt>``. Uses a throw-away profile like
    :func:`convert_to_pdf`.

    Raises:
        ToolMissingError: LibreOffice is not installed (the message says how to get it).
        DeckgenError: soffice timed out or wrote nothing (the writer component is
            missing, or the file is damaged); the message carries soffice's output.
    """
    program = find_soffice()
    if program is None:
        raise ToolMissingError(WRITER_INSTALL_HINT)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="deckgen-lo-profile-"))
    try:
        cmd = _convert_command(program, profile, fmt, outdir, [source])
        result = _run(cmd, timeout, "LibreOffice (soffice)")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    produced = outdir / f"{Path(source).stem}.{fmt}"
    if not _nonempty(produced):
        said = "\n".join(s for s in (_decode(result.stderr), _decode(result.stdout)) if s)
        raise DeckgenError(
            f"LibreOffice could not convert it to .{fmt} (exit code {result.returncode}); "
            "is the file damaged, or is libreoffice-writer not installed?"
            + (f"\nsoffice said:\n{said}" if said else "")
        )
    return produced


def _check_sources(sources: list[Path]) -> None:
    """Raise DeckgenError for missing inputs or inputs whose PDFs would collide."""
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        raise DeckgenError("cannot convert, file not found: " + ", ".join(missing))
    for source in sources:  # a zip bomb named .pptx is refused before LibreOffice unpacks it
        check_unpacked_size(source, name=str(source), limit=MAX_UNPACKED_DECK_BYTES)
    seen: dict[str, Path] = {}
    for src in sources:
        other = seen.setdefault(src.stem.casefold(), src)
        if other != src:
            raise DeckgenError(
                f"cannot convert {other} and {src} in one run: both would become "
                f"{src.stem}.pdf; rename one of them"
            )


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _conversion_failure(missing: list[Path], result: subprocess.CompletedProcess) -> str:
    """The message for PDFs that soffice did not write, with everything it said."""
    names = ", ".join(str(m) for m in missing)
    said = "\n".join(s for s in (_decode(result.stderr), _decode(result.stdout)) if s)
    return (
        f"LibreOffice did not produce a PDF for: {names} (exit code {result.returncode})."
        + (f"\nsoffice said:\n{said}" if said else "")
        + "\nIs the file a valid .pptx? Is another program holding it open?"
    )


def pdf_to_pngs(
    pdf: Path,
    outdir: Path,
    dpi: int = 96,
    prefix: str = "slide",
    timeout: float = 120.0,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render every page of ``pdf`` as ``outdir/<prefix>-NN.png``; return them in order.

    NN is the 1-based page number, zero-padded to two digits (or more for 100+
    pages). PNGs left from an earlier, longer deck with the same prefix are removed
    so the folder shows exactly this deck. ``on_progress`` is called with (pages
    rendered, pages) while pdftoppm runs.

    Raises:
        ToolMissingError: ``pdftoppm`` (poppler-utils) is not installed.
        DeckgenError: pdftoppm failed or timed out; the message carries its output.
    """
    program = _require_tool("pdftoppm")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    clear_leftovers(outdir)
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix("png"), dir=outdir))
    try:
        cmd = [program, "-png", "-r", str(dpi), str(pdf), str(staging / "p")]
        poll = None
        if on_progress is not None:
            pages = pdf_page_count(pdf)
            on_progress(0, pages)
            # pdftoppm writes the pages in order: all but the newest are finished.
            poll = lambda: on_progress(max(0, sum(1 for _ in staging.glob("p-*.png")) - 1), pages)  # noqa: E731
        result = _run(cmd, timeout, "pdftoppm", poll=poll)
        rendered = _numbered_pngs(staging, "p")
        if result.returncode != 0 or not rendered:
            raise DeckgenError(
                f"pdftoppm could not render {pdf} (exit code {result.returncode}): "
                + (_decode(result.stderr) or "no pages")
            )
        width = max(2, len(str(len(rendered))))
        for old in _numbered_pngs(outdir, prefix).values():
            old.unlink()
        targets = []
        for page, png in sorted(rendered.items()):
            target = outdir / f"{prefix}-{page:0{width}d}.png"
            os.replace(png, target)
            targets.append(target)
        if on_progress is not None:
            on_progress(len(targets), len(targets))
        return targets
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _numbered_pngs(folder: Path, prefix: str) -> dict[int, Path]:
    """Map page number -> file for ``<prefix>-<digits>.png`` files in ``folder``."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+)\.png")
    found = {}
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def pdf_page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf``.

    Uses poppler's ``pdfinfo`` when present, else pdfplumber.

    Raises:
        ToolMissingError: neither pdfinfo nor pdfplumber is available.
        DeckgenError: the file is not a readable PDF.
    """
    program = shutil.which("pdfinfo")
    if program:
        result = _run([program, str(pdf)], 60.0, "pdfinfo")
        match = re.search(rb"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
        if result.returncode != 0 or not match:
            raise DeckgenError(f"{pdf} is not a readable PDF: {_decode(result.stderr)}")
        return int(match.group(1))
    try:
        import pdfplumber
    except ImportError:
        raise ToolMissingError(POPPLER_INSTALL_HINT.format(tool="pdfinfo")) from None
    try:
        with pdfplumber.open(pdf) as doc:
            return len(doc.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        raise DeckgenError(f"{pdf} is not a readable PDF: {exc}") from exc


#: The colour that marks a slide with findings on a contact sheet.
MARK_RGB = (200, 30, 30)


def _fitted(draw, text: str, font, width: int) -> str:
    """``text``, cut with an ellipsis to fit ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while len(text) > 1 and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def contact_sheet(
    pngs: list[Path],
    out_png: Path,
    columns: int = 4,
    thumb_width: int = 320,
    *,
    marks: dict[int, list[str]] | None = None,
) -> Path:
    """Lay all slide images out as numbered thumbnails on one PNG; return ``out_png``.

    Thumbnails keep the first image's aspect ratio, sit on a light grey background
    with a thin frame, and carry the slide number (1-based, in list order) centred
    underneath. A slide in ``marks`` (slide number -> the kinds of the review's
    findings on it) gets a red frame and its kinds in red beside its number. The
    same inputs give the same bytes: no timestamps, no metadata.

    Raises:
        DeckgenError: ``pngs`` is empty.
    """
    from PIL import Image, ImageDraw, ImageFont

    if not pngs:
        raise DeckgenError("no slide images to put on a contact sheet")
    with Image.open(pngs[0]) as first:
        thumb_height = round(thumb_width * first.height / first.width)
    gap, label_height = 16, 28
    columns = max(1, min(columns, len(pngs)))
    rows = -(-len(pngs) // columns)
    cell_w, cell_h = thumb_width + gap, thumb_height + label_height + gap
    sheet = Image.new("RGB", (gap + columns * cell_w, gap + rows * cell_h), (232, 232, 232))
    draw = ImageDraw.Draw(sheet)
    font = _label_font(ImageFont)
    for index, path in enumerate(pngs):
        left = gap + (index % columns) * cell_w
        top = gap + (index // columns) * cell_h
        with Image.open(path) as slide:
            thumb = slide.convert("RGB").resize((thumb_width, thumb_height), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (left, top))
        kinds = (marks or {}).get(index + 1)
        if kinds:
            draw.rectangle((left - 4, top - 4, left + thumb_width + 3, top + thumb_height + 3), outline=MARK_RGB, width=4)
        else:
            draw.rectangle(
                (left - 1, top - 1, left + thumb_width, top + thumb_height), outline=(160, 160, 160)
            )
        label = str(index + 1)
        if kinds:
            label = _fitted(draw, f"{label} · {', '.join(dict.fromkeys(kinds))}", font, thumb_width)
        draw.text(
            (left + thumb_width / 2, top + thumb_height + label_height / 2),
            label,
            fill=MARK_RGB if kinds else (40, 40, 40),
            font=font,
            anchor="mm",
        )
    out_png = Path(out_png)
    encoded = io.BytesIO()
    sheet.save(encoded, format="PNG", optimize=False)
    write_atomic(out_png, encoded.getvalue())  # no half-written sheet, even on Ctrl-C
    return out_png


def _label_font(image_font):
    """Pillow's bundled font at a readable size (older Pillow: its small bitmap font)."""
    try:
        return image_font.load_default(size=18)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return image_font.load_default()


def rasterize_pictures(blobs: list[bytes], *, timeout: float | None = None) -> list[bytes | None]:
    """PNG renderings of vector pictures (EMF, WMF) that Pillow cannot draw, made by
    one LibreOffice run; None for each one that could not be converted (or when
    LibreOffice is not installed). Results are cached by the pictures' bytes.

    A template's emblem or band is often an EMF: its colours matter to the text
    set over it (see :mod:`deckgen.layout.backdrop`).
    """
    from deckgen import cache

    out: list[bytes | None] = [cache.get("raster", cache.key(blob)) for blob in blobs]
    todo = [n for n, found in enumerate(out) if found is None]
    program = find_soffice()
    if not todo or program is None:
        return out
    work = Path(tempfile.mkdtemp(prefix="deckgen-raster-"))
    try:
        sources = []
        for n in todo:
            suffix = ".wmf" if blobs[n][:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00") else ".emf"
            source = work / f"picture{n}{suffix}"
            source.write_bytes(blobs[n])
            sources.append(source)
        cmd = _convert_command(program, work / "profile", "png", work / "out", sources)
        try:
            _run(cmd, timeout or DEFAULT_TIMEOUT_BASE + 5 * len(sources), "LibreOffice (soffice)")
        except DeckgenError:
            return out
        for n, source in zip(todo, sources):
            png = work / "out" / f"{source.stem}.png"
            if _nonempty(png):
                out[n] = png.read_bytes()
                cache.put("raster", cache.key(blobs[n]), out[n])  # type: ignore[arg-type]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out
