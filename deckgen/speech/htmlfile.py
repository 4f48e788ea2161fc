"""Read a speech saved as a web page: Word's and WPS's "Web page" (.htm, and the
.doc files that are really HTML) and plain HTML.

Read with lxml alone, never by LibreOffice or a browser: nothing the page links
(pictures, style sheets, frames) is fetched. Scripts, styles and the head are
dropped; every block element (paragraph, heading, list item, table cell, line
break) ends a line.
"""

from __future__ import annotations

import re

from deckgen.errors import DeckgenError
from deckgen.speech.document import SpeechDocument
from deckgen.speech.sentences import tidy

#: Elements whose end ends a paragraph.
BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre tr td th caption section article header footer address center table ul ol".split()
)
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def looks_like_html(raw: bytes) -> bool:
    """Whether ``raw`` is a web page (what Word's "Web page" .doc files are)."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower() or head.startswith(b"<html")


def read_html(raw: bytes, *, name: str) -> SpeechDocument:
    """The speech in the web page ``raw``; ``name`` names the file in errors."""
    from lxml import etree, html

    text = _decoded(raw)
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise DeckgenError(f"{name}: is a web page that cannot be read ({exc}); save the speech as .docx or plain text") from None
    for dropped in root.xpath("//script | //style | //head | //noscript | //template"):
        dropped.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().split("}")[-1]
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = [tidy(line) for line in root.text_content().split("\n")]
    paragraphs = [line for line in lines if line]
    if not paragraphs:
        raise DeckgenError(f"{name}: the web page holds no text; save the speech as .docx or plain text")
    return SpeechDocument("\n".join(paragraphs) + "\n", kind="html")


def _decoded(raw: bytes) -> str:
    """The page's text: its declared charset, else UTF-8, else GB18030 (WPS's default)."""
    declared = _CHARSET_RE.search(raw[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8", "gb18030"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")
