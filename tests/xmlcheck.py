"""Scans of a deck's XML that need no renderer: autofit flags, East-Asian faces, schema.

Split from :mod:`rendercheck` (which re-exports these names) so each helper module
keeps to one topic: rendercheck reads the rendered PDF, xmlcheck reads the package.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}



def _parts(pptx_path: Path, folders: tuple[str, ...]):
    """Yield (part name, parsed XML root) for the XML parts under ``folders``."""
    alternatives = "|".join(map(re.escape, folders))
    pattern = re.compile(rf"ppt/({alternatives})/[^/]+\.xml")
    with zipfile.ZipFile(pptx_path) as package:
        for name in sorted(package.namelist()):
            if pattern.fullmatch(name):
                yield name, etree.fromstring(package.read(name))


def _shape_name(element) -> str:
    query = "ancestor::*[self::p:sp or self::p:graphicFrame][1]/*[1]/p:cNvPr/@name"
    names = element.xpath(query, namespaces=NS)
    return names[0] if names else "?"


def autofit_flags(pptx_path: Path) -> list[str]:
    """List every ``a:normAutofit``/``a:spAutoFit`` in slides, layouts and masters.

    Each entry reads ``part: a:normAutofit in shape 'name'``. We size text
    ourselves, so the list must be empty: PowerPoint only applies a bare
    normAutofit after an edit, and LibreOffice refits it on its own, so a render
    cannot vouch for such a box.
    """
    flags = []
    for part, root in _parts(Path(pptx_path), ("slides", "slideLayouts", "slideMasters")):
        for element in root.xpath(".//a:normAutofit | .//a:spAutoFit", namespaces=NS):
            tag = etree.QName(element).localname
            flags.append(f"{part}: a:{tag} in shape {_shape_name(element)!r}")
    return flags


def east_asian_missing(pptx_path: Path) -> list[str]:
    """List run properties in slides and notes that lack ``a:latin`` or ``a:ea``.

    Checks every ``a:rPr``, ``a:endParaRPr`` and ``a:defRPr``, and every run
    (``a:r``/``a:fld``) with no ``a:rPr`` at all. Each entry reads
    ``part: a:rPr lacks a:ea (shape 'name', text '…')``.
    """
    problems = []
    query = ".//a:rPr | .//a:endParaRPr | .//a:defRPr | .//a:r[not(a:rPr)] | .//a:fld[not(a:rPr)]"
    for part, root in _parts(Path(pptx_path), ("slides", "notesSlides")):
        for element in root.xpath(query, namespaces=NS):
            tag = etree.QName(element).localname
            if tag in ("r", "fld"):
                lacking = ["a:rPr"]
                text_of = element
            else:
                lacking = [f"a:{n}" for n in ("latin", "ea") if element.find(f"a:{n}", NS) is None]
                text_of = element.getparent()
            if lacking:
                text = "".join(text_of.xpath(".//a:t/text()", namespaces=NS))[:20]
                problems.append(
                    f"{part}: a:{tag} lacks {' and '.join(lacking)} "
                    f"(shape {_shape_name(element)!r}, text {text!r})"
                )
    return problems


def audit_pptx(pptx_path: Path, ignore: tuple[str, ...] = ()) -> list[str]:
    """Validate against the Open XML schemas with openxml-audit; return its errors.

    Uses ``openxml_audit.validate_pptx(path) -> ValidationResult``; each
    ``ValidationError`` of severity ERROR becomes ``str(error)``, which reads
    ``[kind] /part:xpath: description``. Entries containing any string in
    ``ignore`` are dropped (python-pptx charts trip the ``c:axId`` rule).
    """
    from openxml_audit import ValidationSeverity, validate_pptx

    result = validate_pptx(Path(pptx_path))
    errors = [str(e) for e in result.errors if e.severity == ValidationSeverity.ERROR]
    return [e for e in errors if not any(skip in e for skip in ignore)]
