"""Our package layer (deckgen/render/opc.py) reads and writes decks as python-pptx did.

Decks are written without python-pptx's object model but must keep python-pptx's
bytes (byte-identical rebuilds, and decks made before the change): a package read
and written back untouched gives, member by member, what python-pptx saves for the
same file, for python-pptx's default presentation and every test template.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.render import opc
from deckgen.render.opc import RT, Package, Part

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in (ROOT / "tests" / "data" / "templates").iterdir() if p.suffix in (".pptx", ".potx"))


def _members(blob: bytes) -> list[tuple[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(blob))
    return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _python_pptx_save(blob: bytes) -> bytes:
    out = io.BytesIO()
    Presentation(io.BytesIO(opc.as_presentation(blob))).save(out)
    return out.getvalue()


@pytest.mark.parametrize("source", [None, *TEMPLATES], ids=lambda p: "default" if p is None else p.name)
def test_a_package_read_and_written_back_has_python_pptx_bytes(source):
    blob = opc.python_pptx_file("default.pptx").read_bytes() if source is None else source.read_bytes()
    ours = opc.open_presentation(blob).to_bytes(zip_time=(2000, 1, 1, 0, 0, 0))
    assert _members(ours) == _members(_python_pptx_save(blob))


def test_parts_are_reached_through_relationships_depth_first():
    package = opc.open_presentation()
    names = [part.partname for part in package.iter_parts()]
    assert len(names) == len(set(names))
    master = names.index("/ppt/slideMasters/slideMaster1.xml")
    assert names.index("/ppt/presentation.xml") < master
    assert names[master + 1].startswith("/ppt/slideLayouts/")  # the master's layouts follow it


def test_new_relationships_fill_the_first_free_id():
    package = opc.open_presentation()
    presentation = package.main_part()
    taken = set(presentation.rels)
    new = Part("/ppt/extra.xml", "application/xml", b"<x/>")
    rid = presentation.rels.relate(new, RT.VIEW_PROPS)
    assert rid not in taken and presentation.rels.relate(new, RT.VIEW_PROPS) == rid  # once only
    presentation.rels.drop(RT.VIEW_PROPS)
    again = Part("/ppt/again.xml", "application/xml", b"<y/>")
    first_gap = next(f"rId{n}" for n in range(1, 99) if f"rId{n}" not in presentation.rels)
    assert presentation.rels.relate(again, RT.VIEW_PROPS) == first_gap


def test_dropping_relationships_returns_their_targets():
    package = opc.open_presentation()
    master = package.main_part().rels.part(RT.SLIDE_MASTER)
    assert len(master.rels.drop(RT.SLIDE_LAYOUT)) == 11
    assert RT.SLIDE_LAYOUT not in {rel.reltype for rel in master.rels.values()}
    assert not any(p.partname.startswith("/ppt/slideLayouts/") for p in package.iter_parts())


def test_relationship_targets_are_relative_and_external_ones_kept():
    package = Package()
    main = Part("/ppt/presentation.xml", opc.PRESENTATION_CT, b"<p/>")
    package.rels.add("rId1", RT.OFFICE_DOCUMENT, main)
    main.rels.add("rId1", RT.IMAGE, Part("/ppt/media/a.png", "image/png", b"png"))
    main.rels["rId2"] = opc.Rel("rId2", "http://example.com/link", "https://example.com/?a=1&b=2", external=True)
    members = dict(_members(package.to_bytes(zip_time=(2000, 1, 1, 0, 0, 0))))
    rels = members["ppt/_rels/presentation.xml.rels"].decode()
    assert 'Target="media/a.png"' in rels and 'Target="https://example.com/?a=1&amp;b=2" TargetMode="External"' in rels
    assert 'Target="ppt/presentation.xml"' in members["_rels/.rels"].decode()
    assert '<Default Extension="png" ContentType="image/png"/>' in members["[Content_Types].xml"].decode()


def test_macro_enabled_templates_open_as_plain_presentations():
    source = zipfile.ZipFile(opc.python_pptx_file("default.pptx"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(opc.PRESENTATION_CT.encode(), opc.OTHER_MAIN_CTS[1].encode())
            target.writestr(info, data)
    rewritten = opc.as_presentation(out.getvalue())
    types = zipfile.ZipFile(io.BytesIO(rewritten)).read("[Content_Types].xml").decode()
    assert "macroEnabled" not in types and opc.PRESENTATION_CT in types
    assert opc.open_presentation(out.getvalue()).main_part().content_type == opc.PRESENTATION_CT


def test_no_other_module_reaches_into_python_pptx_internals():
    root = ROOT / "deckgen"
    private = re.compile(r"\._(element|rels|blob|package|partname)\b|from pptx[\w.]* import _[A-Za-z]|\b_(Relationship|ContentTypesItem)\b|serialize_part_xml")
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "opc.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if private.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


def test_a_built_deck_imports_neither_python_pptx_nor_xlsxwriter_even_for_a_new_chart(tmp_path):
    """Writing the package and its chart parts needs neither python-pptx nor XlsxWriter;
    cached photos need no Pillow."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DECKGEN_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    build = [sys.executable, "-X", "importtime", "-m", "deckgen", "build", str(ROOT / "decks" / "postal-2024.yaml"), "-o", str(tmp_path / "d.pptx"), "-q"]
    first = subprocess.run(build, env=env, capture_output=True, text=True, check=True)
    assert not re.search(r"\| +(pptx|xlsxwriter)$", first.stderr, re.M)  # the sample's chart and its workbook
    again = subprocess.run(build, env=env, capture_output=True, text=True, check=True)
    assert not re.search(r"\| +(pptx|xlsxwriter|PIL\.Image)$", again.stderr, re.M)
