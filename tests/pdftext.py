"""The characters of a PDF as pdfplumber reads them, read once per file: a test helper.

pdfplumber finds a page's characters by having pdfminer interpret the whole page,
every path of a template's artwork included: seconds for a few slides on a busy
template. The render checks look at one PDF several times (:func:`rendercheck.check_deck`
for the report, :func:`rendercheck.glyphs_and_holders` for the lines a test reads,
:func:`contrastcheck.contrast_failures` for the contrast), so :func:`pdf_pages` keeps
what pdfplumber read, per file and per version of it (path, size, modification
time), for the :data:`KEEP` files read last. What callers get is exactly pdfplumber's
characters, read-only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

#: The character fields the checks read (pdfplumber has more; keeping these keeps the memory small).
FIELDS = ("text", "x0", "x1", "top", "bottom", "y0", "matrix", "size", "fontname", "upright", "non_stroking_color")
#: How many PDFs stay read (a module's decks, at a few MB each; the oldest read goes first).
KEEP = 16


@dataclass(frozen=True)
class PageChars:
    """One page: its size in points and pdfplumber's characters on it, in its order."""

    width: float
    height: float
    chars: tuple[Mapping, ...]


_READ: OrderedDict[tuple, list[PageChars]] = OrderedDict()


def pdf_pages(pdf_path: str | Path) -> list[PageChars]:
    """The pages of ``pdf_path`` with their characters, read by pdfplumber once per
    version of the file.

    Raises:
        FileNotFoundError: there is no such file.
    """
    import pdfplumber

    path = Path(pdf_path).resolve()
    info = path.stat()
    key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns)
    pages = _READ.get(key)
    if pages is None:
        with pdfplumber.open(path) as pdf:
            pages = [
                PageChars(
                    float(page.width),
                    float(page.height),
                    tuple(MappingProxyType({k: char[k] for k in FIELDS if k in char}) for char in page.chars),
                )
                for page in pdf.pages
            ]
        _READ[key] = pages
        while len(_READ) > KEEP:
            _READ.popitem(last=False)
    _READ.move_to_end(key)
    return pages
