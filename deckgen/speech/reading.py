"""Read a speech file: bytes -> text, whatever encoding the office writer saved it in.

Speeches arrive as UTF-8 (with or without the BOM Windows Notepad adds), as GB18030 /
GBK (what Chinese Windows and WPS save by default), or occasionally as UTF-16 with a
BOM. Anything else — an empty file, a Word document, a picture — is refused with a
message that says what to do, never a traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from deckgen.errors import DeckgenError

# Control characters other than tab, newline, form feed and carriage return: a text
# file never holds many of them, a binary file (docx, pdf, png) always does.
_CONTROL = {b for b in range(32) if b not in (9, 10, 12, 13)}

# A decoded text whose share of unusual characters exceeds this is taken as garbage:
# GB18030 accepts most byte sequences, so "it decoded" alone proves little.
_MAX_ODD_SHARE = 0.02

_SAVE_HINT = "save the speech as plain text (UTF-8 or GB18030), e.g. in WPS: 另存为 → 纯文本"


def read_speech(path) -> str:
    """Return the text of the speech file at ``path``, decoded and with ``\\n`` line ends.

    Accepts UTF-8 (BOM or not), UTF-16 with a BOM, and GB18030 (which covers GBK and
    GB2312). Raises :class:`~deckgen.errors.DeckgenError` naming the file when it is
    missing, empty, binary (a Word or PDF file, say) or in no encoding we can read.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DeckgenError(f"{name}: file not found; check the path") from None
    except IsADirectoryError:
        raise DeckgenError(f"{name}: is a folder; give the speech's .txt file") from None
    except OSError as exc:
        raise DeckgenError(f"{name}: cannot read: {exc.strerror}") from None
    text = decode_speech(raw, name)
    if not text.strip():
        raise DeckgenError(f"{name}: the speech file is empty; paste the speech text into it and try again")
    return text


def decode_speech(raw: bytes, name: str = "speech") -> str:
    """Decode the bytes of a speech file; see :func:`read_speech` for what is accepted.

    Raises :class:`DeckgenError` for empty, binary or undecodable input.
    """
    if not raw.strip():
        raise DeckgenError(f"{name}: the speech file is empty; paste the speech text into it and try again")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return _normalise_newlines(raw[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise DeckgenError(f"{name}: starts with a {encoding.upper()} mark but is not valid {encoding.upper()}; {_SAVE_HINT}") from None
    if _looks_binary(raw):
        raise DeckgenError(f"{name}: is a binary file (a Word, PDF or image file?), not plain text; {_SAVE_HINT}")
    try:
        return _normalise_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise DeckgenError(f"{name}: is neither UTF-8 nor GB18030 text; {_SAVE_HINT}") from None
    if _odd_share(text) > _MAX_ODD_SHARE:
        raise DeckgenError(f"{name}: does not read as Chinese text in UTF-8 or GB18030; {_SAVE_HINT}")
    return _normalise_newlines(text)


def _looks_binary(raw: bytes) -> bool:
    """True when ``raw`` holds NUL bytes or many control characters."""
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def _odd_share(text: str) -> float:
    """Share of characters that are neither CJK, ASCII nor common punctuation."""
    if not text:
        return 0.0
    odd = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
            continue
        if 0x2000 <= code <= 0x206F or 0x3400 <= code <= 0x4DBF or ch in "·—…“”‘’《》、":
            continue
        odd += 1
    return odd / len(text)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
