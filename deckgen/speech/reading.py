"""Read a speech file: bytes -> text, whatever encoding the office writer saved it in.

Speeches arrive as UTF-8 (with or without the BOM Windows Notepad adds), as GB18030 /
GBK (what Chinese Windows and WPS save by default), or occasionally as UTF-16 with a
BOM. Anything else — an empty file, a Word document, a picture, a device — is refused
with a message that says what to do, never a traceback. The decoding itself is
deckgen's one text reader, :mod:`deckgen.files`.
"""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.errors import DeckgenError, InputError
from deckgen.files import decode_text, read_bytes
from deckgen.outline.validate import CONTROL_RE

_BREAKS_RE = re.compile("[\x0b\x0c\x1c-\x1e\u2028\u2029]")


def read_speech(path: str | Path) -> str:
    """Return the text of the speech file at ``path``, decoded and with ``\\n`` line ends.

    Accepts UTF-8 (BOM or not), UTF-16 with a BOM, and GB18030 (which covers GBK and
    GB2312). Raises :class:`~deckgen.errors.DeckgenError` naming the file when it is
    missing, not a regular file, empty, binary (a Word or PDF file, say) or in no
    encoding we can read.
    """
    try:
        raw = read_bytes(path, what="speech")
    except InputError as exc:
        raise DeckgenError(exc.message) from None  # a speech has no lines to point at yet
    return decode_speech(raw, str(path))


def decode_speech(raw: bytes, name: str = "speech") -> str:
    """Decode the bytes of a speech file; see :func:`read_speech` for what is accepted.

    Raises :class:`DeckgenError` for empty, binary or undecodable input.
    """
    empty = f"{name}: the speech file is empty; paste the speech text into it and try again"
    if not raw.strip():
        raise DeckgenError(empty)
    try:
        text = decode_text(raw, name=name, what="speech", legacy_chinese=True)
    except InputError as exc:
        raise DeckgenError(exc.message) from None
    if not text.strip():
        raise DeckgenError(empty)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Word and PDF exports leave page and line breaks as control characters; a slide
    # cannot show them (and the outline would be refused), so they become line ends,
    # and any other stray control character is dropped.
    return CONTROL_RE.sub("", _BREAKS_RE.sub("\n", text))
