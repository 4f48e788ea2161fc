"""Speech text -> outline: the library behind ``deckgen outline``.

Typical use (what the CLI does)::

    document = read_document("讲话稿.docx")  # .txt, .md, .docx, .doc/.wps/.rtf/.odt, .pdf
    for outline in derive_outlines(document.text, source_name="讲话稿.docx", tables=document.tables):
        Path(f"{outline.slug}.yaml").write_text(dump_outline(outline, "speech.txt"), encoding="utf-8")

``derive_outlines`` returns one :class:`DerivedOutline` per speech in the text (a
file may hold several: 第二篇：… headers or repeated 在…上的讲话 title lines), in
order. Pure Python: nothing here touches PowerPoint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from deckgen.records import field, record
from deckgen.speech.documents import read_document
from deckgen.speech.reading import decode_speech, read_speech

__all__ = ["DerivedOutline", "decode_speech", "derive_outlines", "dump_outline", "read_document", "read_speech"]

# Characters no file system or shell handles gracefully in a file name.
_UNSAFE_IN_NAME = re.compile(r"[\\/:*?\"<>|\s“”‘’'`\x00-\x1f]+")
_SLUG_MAX = 40


@record
class DerivedOutline:
    """One speech's outline, ready to be written.

    ``slug`` is a file-name stem that already carries the speech's 2-digit position in
    the file (``01-在2024年全市邮政工作会议上的讲话``), so speeches with the same title
    never collide; write it as ``f"{slug}.yaml"``. ``data`` is the outline as plain
    dicts, lists, strings and numbers (the structure of docs/outline-format.md).
    ``warnings`` are things worth a look (a repeated speech, no structure found…).
    """

    slug: str
    title: str
    data: dict
    warnings: list[str] = field(default_factory=list)


def derive_outlines(text: str, source_name: str = "speech.txt", *, tables=(), on_speech: Callable[[int, int], None] | None = None) -> list[DerivedOutline]:
    """Return one outline per speech in ``text``, in order.

    ``source_name`` names the file in warnings and titles a speech that has no title
    line. ``tables`` (:class:`~deckgen.speech.documents.MetricsTable`, from a Word
    file) become metrics slides in the speech that holds the paragraph before them.
    ``on_speech`` is called with (speeches derived, speeches) after each one.
    Raises :class:`~deckgen.errors.DeckgenError` when ``text`` holds no speech
    at all (only blank lines or headers).
    """
    from deckgen.errors import DeckgenError
    from deckgen.speech.derive import build_outline
    from deckgen.speech.splitting import find_repeats, split_speeches
    from deckgen.speech.structure import read_structure
    from deckgen.speech.tables import place_tables

    speeches = split_speeches(text)
    if not speeches:
        raise DeckgenError(f"{source_name}: holds no speech text (only blank lines or headers)")
    repeats = find_repeats(speeches)
    outlines = []
    for index, speech_text in enumerate(speeches):
        warnings: list[str] = []
        speech = read_structure(speech_text.paragraphs, speech_text.title)
        if speech_text.header and speech_text.title_line and speech_text.title_line != speech_text.header:
            # 第五篇：在2024年…讲话 over its own line 在全市…讲话: the line is read out.
            speech.particulars.insert(0, speech_text.title_line)
        if not speech.title and _reports_government_work(speech.opening):
            speech.title = "政府工作报告"  # 各位代表：现在，我代表国务院，向大会报告政府工作
        if not speech.title:
            speech.title = PurePath(source_name).stem or "讲话"
            warnings.append(f"no title line found (在…上的讲话); used “{speech.title}” — edit the title")
        if index in repeats:
            warnings.append(
                f"this speech (line {speech_text.line} of {source_name}) repeats speech {repeats[index] + 1} almost word for word"
            )
        data = build_outline(speech, warnings)
        place_tables(data, [t for t in tables if not t.after or t.after in speech_text.paragraphs])
        outlines.append(DerivedOutline(_slug(index + 1, speech.title), speech.title, data, warnings))
        if on_speech is not None:
            on_speech(index + 1, len(speeches))
    return outlines


def dump_outline(outline: DerivedOutline, source_name: str, schema_ref: str | None = "outline.schema.json") -> str:
    """Return the outline as YAML text: comment header, then the data.

    The first line is the schema modeline when ``schema_ref`` is given (a path
    relative to the outline file, or a URL). Same outline in, same text out; the
    text loads back (``yaml.safe_load``) to exactly ``outline.data``.
    """
    from deckgen.speech.emit import header_comment, to_yaml

    return header_comment(source_name, outline.title, outline.warnings, schema_ref) + to_yaml(outline.data)


def _reports_government_work(opening: list[str]) -> bool:
    from deckgen.speech.metadata import on_behalf_of

    return any(on_behalf_of(paragraph)[1] for paragraph in opening[:2])


def _slug(number: int, title: str) -> str:
    """``01-在2024年全市邮政工作会议上的讲话``: position, then a file-safe title."""
    stem = _UNSAFE_IN_NAME.sub("", title)[:_SLUG_MAX].strip(".-") or "speech"
    return f"{number:02d}-{stem}"
