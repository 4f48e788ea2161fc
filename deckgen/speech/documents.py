"""Read a speech from the files offices actually keep: text, Word, WPS, RTF, ODT, PDF.

Every reader returns a :class:`SpeechDocument`: the speech as text, one paragraph a
line (what :func:`deckgen.speech.derive_outlines` reads), plus what the file format
knows beyond the text — the heading levels of Word styles and Word tables. The text
is the same whatever the format, so a speech saved as .txt, .docx and .pdf gives the
same outline.

The format is recognised by the file's content first (a Word file renamed .txt, or
standard input, still reads) and by its suffix second:

* plain text and Markdown: :mod:`deckgen.speech.reading` (UTF-8, GB18030, UTF-16);
* .docx: python-docx (:mod:`deckgen.speech.wordfile`);
* .doc, .wps, .rtf, .odt: converted to .docx by LibreOffice's writer, then as .docx;
* .pdf: pdfminer.six (:mod:`deckgen.speech.pdffile`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from deckgen.errors import DeckgenError, InputError
from deckgen.files import check_unpacked_size, read_bytes
from deckgen.outline.validate import CONTROL_RE
from deckgen.speech import markers
from deckgen.speech.document import SpeechDocument
from deckgen.speech.reading import decode_speech

#: Formats LibreOffice's writer opens and we then read as .docx.
WRITER_SUFFIXES = (".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt", ".fodt", ".docm", ".dotx")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps (OLE compound file)
_ZIP_MAGIC = b"PK\x03\x04"
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}\s+")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")


def read_document(path: str | Path) -> SpeechDocument:
    """Read the speech file at ``path``, whatever its format.

    Raises :class:`~deckgen.errors.DeckgenError` naming the file when it is missing,
    not a regular file, empty, or not a format we read (with what to do).
    """
    path = Path(path)
    name = str(path)
    try:
        raw = read_bytes(path, what="speech")
    except InputError as exc:
        raise DeckgenError(exc.message) from None  # a speech has no lines to point at yet
    return document_from_bytes(raw, name=name, suffix=path.suffix.lower())


def document_from_bytes(raw: bytes, *, name: str = "-", suffix: str = "") -> SpeechDocument:
    """Read a speech from the bytes of a file (or standard input); see :func:`read_document`.

    ``suffix`` (``.docx``, ``.rtf`` …) decides only when the content does not.
    """
    if not raw.strip():
        raise DeckgenError(f"{name}: the speech file is empty; paste the speech text into it and try again")
    kind = _sniff(raw, suffix)
    if raw.startswith(_ZIP_MAGIC):
        try:
            check_unpacked_size(raw, name=name)
        except InputError as exc:
            raise DeckgenError(exc.message) from None
    if kind == "docx":
        from deckgen.speech.wordfile import read_docx

        return _without_controls(read_docx(raw, name=name))
    if kind == "pdf":
        from deckgen.speech.pdffile import read_pdf

        return _without_controls(read_pdf(raw, name=name))
    if kind == "html":
        from deckgen.speech.htmlfile import read_html

        return _without_controls(read_html(raw, name=name))
    if kind == "writer":
        return _without_controls(_read_with_writer(raw, name, suffix or ".doc"))
    if suffix in (".pdf", ".docx"):
        raise DeckgenError(
            f"{name}: is not a {suffix} file: its content is not {'a PDF' if suffix == '.pdf' else 'a Word (.docx) document'}; "
            "check that it is the right file, or save the speech again from Word or WPS"
        )
    if suffix in WRITER_SUFFIXES:
        raise DeckgenError(
            f"{name}: is not a {suffix} file: its content is none of the word-processor formats deckgen reads "
            "(Word, WPS, RTF, OpenDocument, web page); open it in Word or WPS and save it as .docx, or save the speech as plain text"
        )
    text = decode_speech(raw, name)
    if not text.strip():
        raise DeckgenError(f"{name}: the speech file is empty; paste the speech text into it and try again")
    if suffix in (".md", ".markdown"):
        text = _plain_markdown(text)
    return SpeechDocument(text)


def _sniff(raw: bytes, suffix: str) -> str:
    """``docx``, ``pdf``, ``html``, ``writer`` (LibreOffice converts it) or ``text``.

    A word-processor suffix whose content is none of these formats (random bytes
    named .doc) gives ``unknown``: LibreOffice would import it as text, gibberish.
    """
    from deckgen.speech.htmlfile import looks_like_html

    head = raw[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        if b"word/" in raw[:4096] or suffix in (".docx", ".docm", ".dotx"):
            return "docx"
        return "writer"  # .odt and other zipped office files
    if head.startswith(_OLE_MAGIC) or raw.lstrip()[:5] == b"{\\rtf":
        return "writer"
    if raw.lstrip()[:5] == b"<?xml" and b"office:document" in raw[:2048]:
        return "writer"  # flat OpenDocument (.fodt)
    if looks_like_html(raw):
        return "html"  # Word's "web page" .doc, read without LibreOffice (it would fetch what the page links)
    if suffix in WRITER_SUFFIXES:
        return "unknown"
    return "text"


def _read_with_writer(raw: bytes, name: str, suffix: str) -> SpeechDocument:
    """Convert a .doc/.wps/.rtf/.odt file to .docx with LibreOffice, then read that."""
    from deckgen.office import convert_document
    from deckgen.speech.wordfile import read_docx

    with tempfile.TemporaryDirectory(prefix="deckgen-doc-") as work:
        source = Path(work) / f"speech{suffix}"
        source.write_bytes(raw)
        try:
            converted = convert_document(source, Path(work) / "out", fmt="docx")
        except DeckgenError as exc:
            raise DeckgenError(
                f"{name}: could not be opened as a word-processor file: {exc.message}\n"
                "Save it as .docx or plain text (WPS/Word: 另存为) and try again."
            ) from None
        return read_docx(converted.read_bytes(), name=name)


def _plain_markdown(text: str) -> str:
    """Markdown to the speech's plain lines: heading marks and bold marks dropped."""
    lines = [_MD_EMPHASIS_RE.sub(r"\2", _MD_HEADING_RE.sub("", line)) for line in text.split("\n")]
    return "\n".join(lines)


def _without_controls(document: SpeechDocument) -> SpeechDocument:
    """Drop control characters a Word or PDF file may carry; a slide cannot show them.

    Also joins a title an office set on two paragraphs (see :func:`joined_title`).
    """
    document.text = joined_title(CONTROL_RE.sub("", document.text))
    return document


def joined_title(text: str) -> str:
    """The title set on two paragraphs (在2024年全市邮政工作 / 会议上的讲话) as one line.

    Offices press Enter to break a long title where they like it. Two neighbouring
    lines at the top are joined when neither is a title alone and together they are
    one (在……上的讲话, ……政府工作报告); a title set over three lines whose parts
    stand alone (a slogan, then ——在……上的报告) is left as it is.
    """
    lines = text.split("\n")
    for first in range(min(len(lines) - 1, 4)):
        head, tail = lines[first].strip(), lines[first + 1].strip()
        if markers.is_salutation(head) or markers.is_structural(head):
            break
        if head and tail and not markers.title_line(head) and not markers.title_line(tail) and markers.title_line(head + tail):
            return "\n".join([*lines[:first], head + tail, *lines[first + 2 :]])
    return text
