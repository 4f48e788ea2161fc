"""The contract deckgen relies on in python-pptx's private API (deckgen/render/opc.py).

If python-pptx changes one of these internals, this file fails first and names it,
instead of a build failing somewhere deep. pyproject.toml pins the version range
these tests passed with.
"""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.render import opc


def test_open_default_and_open_a_template_as_a_presentation():
    prs = opc.open_presentation()
    buffer = io.BytesIO()
    prs.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))  # rewritten as a .potx below
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(opc.PRESENTATION_CT.encode(), opc.TEMPLATE_CT.encode())
            target.writestr(info, data)
    reopened = opc.open_presentation(out.getvalue())
    assert len(reopened.slide_layouts) == len(prs.slide_layouts)


def test_add_rel_registers_a_relationship_under_the_given_id():
    prs = opc.open_presentation()
    layout_part = prs.slide_layouts[0].part
    part = opc.Part(opc.PackURI("/ppt/slides/slide1.xml"), "application/vnd.openxmlformats-officedocument.presentationml.slide+xml", prs.part.package, b"<x/>")
    opc.add_rel(part, "rId7", RT.SLIDE_LAYOUT, layout_part)
    assert part.related_part("rId7") is layout_part
    assert "rId7" in opc.rel_ids(part)
    assert opc.part_rels(part) is not None


def test_drop_rels_returns_the_targets_and_removes_them():
    prs = opc.open_presentation()
    master_part = prs.slide_masters[0].part
    dropped = opc.drop_rels(master_part, RT.SLIDE_LAYOUT)
    assert len(dropped) == 11
    assert not [r for r in master_part.rels.values() if r.reltype == RT.SLIDE_LAYOUT]


def test_element_blob_package_rels_and_content_types():
    prs = opc.open_presentation()
    assert opc.element(prs.part).tag.endswith("}presentation")
    package = prs.part.package
    rels = opc.package_rels(package)
    app = next(r.target_part for r in rels.values() if r.reltype == RT.EXTENDED_PROPERTIES)
    opc.set_blob(app, b"<Properties/>")
    assert app.blob == b"<Properties/>"
    types = opc.content_types_xml(list(package.iter_parts()))
    assert b"presentation.main+xml" in types
    assert opc.CONTENT_TYPES_URI.membername == "[Content_Types].xml"
    assert opc.PACKAGE_URI.rels_uri.membername == "_rels/.rels"


def test_a_saved_deck_opens_again(tmp_path):
    prs = opc.open_presentation()
    path = tmp_path / "x.pptx"
    prs.save(str(path))
    assert len(Presentation(str(path)).slide_layouts) == 11


def test_no_other_module_reaches_into_python_pptx_internals():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "deckgen"
    private = re.compile(r"\._(element|rels|blob|package|partname)\b|import _[A-Za-z]|\b_(Relationship|ContentTypesItem)\b|serialize_part_xml")
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "opc.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if private.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


def test_macro_enabled_templates_open_as_plain_presentations():
    prs = opc.open_presentation()
    buffer = io.BytesIO()
    prs.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
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
    assert len(opc.open_presentation(out.getvalue()).slide_layouts) == 11
