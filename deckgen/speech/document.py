"""What a speech file reads to: its text and the structure hints of its format.

Plain values every reader returns (:mod:`deckgen.speech.documents` picks the reader;
:mod:`deckgen.speech.wordfile` and :mod:`deckgen.speech.pdffile` build them), kept
apart so the readers and the module that dispatches to them need not import each other.
"""

from __future__ import annotations

from deckgen.records import field, record



@record
class MetricsTable:
    """A table found in the document: its rows of cell texts, and where it stood.

    ``after`` is the paragraph (as in :attr:`SpeechDocument.text`) the table follows,
    '' when it opens the document; ``caption`` a short paragraph naming it, if any.
    """

    rows: list[list[str]]
    after: str = ""
    caption: str = ""


@record
class SpeechDocument:
    """A speech read from a file: its text and the structure hints of its format."""

    text: str  # paragraphs, one a line ('\n' line ends)
    kind: str = "text"  # "text", "docx", "pdf"
    tables: list[MetricsTable] = field(default_factory=list)
