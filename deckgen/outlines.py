"""Write the outlines derived from a speech file: where each goes, and its schema.

The library behind ``deckgen outline``: one speech to stdout or to a ``.yaml`` file,
several speeches into a folder as ``01-….yaml``, ``02-….yaml``. Beside every written
outline sits ``outline.schema.json`` so the files' modeline
(``# yaml-language-server: $schema=outline.schema.json``) resolves in editors.
Every file is written atomically; nothing is written when the speech is unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.files import write_atomic
from deckgen.records import field, record

SCHEMA_FILE = "outline.schema.json"


class OutputChoiceError(DeckgenError):
    """``-o`` does not suit the speech file (e.g. a .yaml file for several speeches)."""


@record
class Derived:
    """The outlines of one speech file, as YAML texts, and what is worth a look."""

    speech_file: Path
    texts: dict[str, str]  # slug -> YAML text, in speech order
    warnings: list[str] = field(default_factory=list)


STDIN = "-"


def derive(speech: str | Path, *, stdin: bytes | None = None, on_progress: Callable[[int, int], None] | None = None) -> Derived:
    """Read and derive every outline of ``speech``; raise DeckgenError if unreadable.

    ``speech`` is a file in any format :func:`deckgen.speech.read_document` reads, or
    ``-`` for standard input, whose bytes are ``stdin`` (the format is recognised by
    content: text, .docx, .pdf, .doc/.rtf). ``on_progress`` is called with (steps
    done, steps): reading the file, then deriving and writing out each speech.
    """
    from deckgen.speech import derive_outlines, dump_outline
    from deckgen.speech.documents import document_from_bytes, read_document

    if str(speech) == STDIN:
        name = "<stdin>"
        document = document_from_bytes(stdin or b"", name=name)
    else:
        name = str(speech)
        document = read_document(speech)
    report = on_progress or (lambda done, total: None)
    outlines = derive_outlines(document.text, source_name=name, tables=document.tables, on_speech=lambda n, count: report(1 + n, 1 + 2 * count))
    texts = {}
    for n, o in enumerate(outlines, start=1):
        texts[o.slug] = dump_outline(o, name)
        report(1 + len(outlines) + n, 1 + 2 * len(outlines))
    warnings = [f"{name}: warning: {o.slug}: {w}" for o in outlines for w in o.warnings]
    return Derived(Path(speech), texts, warnings)


def targets(derived: Derived, output: str | Path) -> dict[Path, str]:
    """Map each output file to its text: a ``.yaml`` file (one speech) or a folder.

    Raises :class:`OutputChoiceError` for a ``.yaml`` target and several speeches.
    """
    output = Path(output)
    if output.suffix.lower() in (".yaml", ".yml"):
        if len(derived.texts) > 1:
            slugs = list(derived.texts)
            names = ", ".join(f"{slug}.yaml" for slug in slugs[:5]) + (f" … ({len(slugs) - 5} more)" if len(slugs) > 5 else "")
            raise OutputChoiceError(
                f"{derived.speech_file} holds {len(derived.texts)} speeches; give a folder with -o "
                f"(e.g. -o {output.with_suffix('')}/) to get one outline per speech: {names}"
            )
        return {output: next(iter(derived.texts.values()))}
    # os.path.isfile, unlike Path.exists, answers False for names the system
    # cannot even look up (too long), which then fail at writing with a message.
    if os.path.isfile(output):
        raise OutputChoiceError(
            f"-o {output}: is a file, not a folder; give an outline name ending in .yaml or a folder"
        )
    return {output / f"{slug}.yaml": text for slug, text in derived.texts.items()}


def write_outlines(files: dict[Path, str], refresh_schema: bool) -> list[Path]:
    """Write ``files`` atomically, plus ``outline.schema.json`` in each folder.

    The schema is rewritten in folders deckgen fills (``refresh_schema``) and only
    added when absent beside a single named outline. Returns the outline paths.
    """
    from deckgen.outline.schema import schema_text

    folders = list(dict.fromkeys(p.parent for p in files))
    new_folders = [f for folder in folders for f in (folder, *folder.parents) if not os.path.lexists(f)]
    new_files = [p for p in [*files, *(f / SCHEMA_FILE for f in folders)] if not os.path.lexists(p)]
    try:
        for path, text in files.items():
            write_atomic(path, text.encode("utf-8"))
        for folder in folders:
            schema = folder / SCHEMA_FILE
            if refresh_schema or not schema.exists():
                write_atomic(schema, schema_text().encode("utf-8"))
    except BaseException:
        # A failed run (a full disk, Ctrl-C) leaves no half set of outlines and no
        # folder it made: what was there before is all there is.
        for path in new_files:
            try:
                os.unlink(path)
            except OSError:
                pass
        for folder in sorted(set(new_folders), key=lambda f: -len(f.parts)):
            try:
                os.rmdir(folder)
            except OSError:
                pass
        raise
    return list(files)
