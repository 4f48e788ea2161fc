"""Copies of a deck for LibreOffice's render that space text as PowerPoint does.

LibreOffice adds a space (a fifth of the text portion's height) wherever Asian and
Latin text meet, and DrawingML has no setting that turns it off. Between 中 and X
that reads well (PowerPoint's own autospace does much the same), but beside
full-width punctuation it reads as a typo: “ 快递进村”, 检查， 2024, X% ，.
PowerPoint adds nothing there.

The deck itself stays clean (its text is what the outline says, for Find, copy and
every reader). Only the copy that ``--pdf``, ``preview`` and ``watch`` hand to
LibreOffice gets, at each such change of script, a word joiner (U+2060: no width,
no glyph, no break) in a 1 pt run that ends the portion before it, which shrinks
LibreOffice's space to nothing. Layout still counts every change of script (the
deck may be opened in LibreOffice directly), so the copy only ever sets narrower.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from deckgen.typeset.measure import script_of

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
JOINER = "\u2060"
JOINER_SIZE = "100"  # hundredths of a point: 1 pt
#: Marks with blank room of their own: no extra space is set beside them.
FULL_WIDTH_PUNCTUATION = frozenset("“”‘’《》〈〉「」『』【】〔〕（）［］｛｝，、。：；！？")


def joiner_points(text: str) -> list[int]:
    """Indexes of ``text`` before which a joiner goes.

    These are the changes of script beside a full-width mark, and the start of a
    paragraph that opens with a weak mark (“ ‘) before Chinese: LibreOffice gives a
    paragraph's leading weak characters the script of the document's language
    (Latin), so it would set a space after the “.
    """
    points = []
    previous = None
    for index, char in enumerate(text):
        script = script_of(char)
        if script == "weak":
            continue
        if previous is None:
            if index > 0 and script == "asian" and text[index - 1] in FULL_WIDTH_PUNCTUATION and "\n" not in text[:index]:
                points.append(index)
        elif script != previous and (char in FULL_WIDTH_PUNCTUATION or text[index - 1] in FULL_WIDTH_PUNCTUATION):
            points.append(index)
        previous = script
    return points


def _q(tag: str) -> str:
    return f"{{{A}}}{tag}"


def _joiner_run(model: etree._Element) -> etree._Element:
    """A 1 pt run holding a word joiner, in the look of ``model`` (an ``a:r``)."""
    run = etree.Element(_q("r"))
    props = model.find(_q("rPr"))
    new_props = etree.SubElement(run, _q("rPr")) if props is None else etree.fromstring(etree.tostring(props))
    if props is not None:
        run.append(new_props)
    new_props.set("sz", JOINER_SIZE)
    etree.SubElement(run, _q("t")).text = JOINER
    return run


def _space_paragraph(paragraph: etree._Element) -> bool:
    """Put joiners into one ``a:p``; True when anything changed."""
    pieces: list[tuple[etree._Element | None, int]] = []  # per character: its run (None: not splittable) and offset
    text = []
    for child in paragraph:
        if child.tag == _q("br"):
            text.append("\n")
            pieces.append((None, 0))
        elif child.tag in (_q("r"), _q("fld")):
            t = child.find(_q("t"))
            chars = (t.text or "") if t is not None else ""
            text.append(chars)
            pieces.extend((child if child.tag == _q("r") else None, offset) for offset in range(len(chars)))
    points = joiner_points("".join(text))
    if not points:
        return False
    # Split from the end so earlier offsets stay valid.
    for index in reversed(points):
        run, offset = pieces[index]
        if run is None:
            continue
        if offset:
            t = run.find(_q("t"))
            before, after = t.text[:offset], t.text[offset:]
            tail = etree.fromstring(etree.tostring(run))
            tail.tail = run.tail
            run.tail = None
            t.text = before
            tail.find(_q("t")).text = after
            run.addnext(tail)
        if offset:
            run.addnext(_joiner_run(run))
        else:
            run.addprevious(_joiner_run(run))
    return True


def spaced_slide_xml(xml: bytes) -> bytes:
    """``xml`` (a slide part) with joiners where LibreOffice would set a stray space."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    changed = False
    for paragraph in root.iter(_q("p")):
        changed |= _space_paragraph(paragraph)
    if not changed:
        return xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def spaced_copy(source: Path, target: Path) -> Path:
    """Write to ``target`` a copy of the deck ``source`` for LibreOffice's render."""
    with zipfile.ZipFile(source) as deck, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in deck.infolist():
            data = deck.read(info)
            if info.filename.startswith("ppt/slides/slide") and info.filename.endswith(".xml"):
                data = spaced_slide_xml(data)
            copy.writestr(info, data)
    return target
