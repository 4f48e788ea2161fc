"""Nothing foreign reaches a deck from an organisation's template.

Each template here is the bureau test template with something a deck must not carry
added by :mod:`makers` (macros, ActiveX, OLE, external links, unknown parts). The
deck built on it must still build, hold none of it, and refer to no part it lacks.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from shared_material import shared

from deckgen.cli import cli
from deckgen.theme.package import clean_package
from tests.hostile import makers

TALK = "title: 讲话\nparts:\n  - title: 第一部分\n    slides:\n      - {kind: bullets, title: 要点, bullets: [一, 二]}\n"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOREIGN_TYPES = ("vbaProject", "activeX", "oleObject", "x-evil", "customXml")

FOREIGN = {
    "macro linked from the master": makers.macro_from_master,
    "macro linked from a layout": makers.macro_from_layout,
    "macro linked from the package root": makers.macro_from_root,
    "ActiveX control on a layout": makers.activex_in_layout,
    "OLE object on the master": makers.ole_in_master,
    "external links (http, file:///etc/passwd)": makers.external_links,
    "unknown parts and a mistyped theme": makers.unknown_parts,
}


def deck_problems(deck: Path) -> list[str]:
    """Everything in ``deck`` a template must not bring: foreign parts, external
    relationships, references to relationships that do not exist."""
    problems = []
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        for foreign in FOREIGN_TYPES:
            if foreign in types:
                problems.append(f"content type {foreign} declared")
        for name in names:
            if re.search(r"vbaProject|activeX|embeddings/oleObject|customXml|evil|pictures/bomb", name):
                problems.append(f"part {name}")
        for name in names:
            if not name.endswith(".rels"):
                continue
            rels = etree.fromstring(archive.read(name))
            if any(rel.get("TargetMode") == "External" for rel in rels):
                problems.append(f"external relationship in {name}")
            folder = name.replace("_rels/", "").removesuffix(".rels")
            if folder not in names:
                continue
            ids = {rel.get("Id") for rel in rels}
            part = etree.fromstring(archive.read(folder))
            for element in part.iter():
                for attribute, value in element.attrib.items():
                    if attribute.startswith(f"{{{R_NS}}}") and value not in ids:
                        problems.append(f"{folder} refers to {value}, which it has no relationship for")
    return problems


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
def test_nothing_foreign_reaches_the_deck(make, tmp_path: Path) -> None:
    template = tmp_path / "org.pptx"
    make(template)
    (tmp_path / "talk.yaml").write_text(TALK, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "talk.yaml"), "--template", str(template), "-o", str(deck)])
    assert result.exit_code == 0, result.output
    assert deck_problems(deck) == []
    assert len(Presentation(str(deck)).slides) >= 2  # python-pptx opens it: a well-formed package


def test_the_generated_templates_do_carry_what_the_deck_must_not(tmp_path: Path) -> None:
    """The oracle can fail: on the unfiltered templates it finds every foreign thing."""
    for label, make in FOREIGN.items():
        template = tmp_path / "org.pptx"
        make(template)
        assert deck_problems(template), label


def test_the_shapes_that_referred_to_dropped_parts_are_gone(tmp_path: Path) -> None:
    template = tmp_path / "org.pptx"
    makers.ole_in_master(template)
    cleaned = clean_package(template.read_bytes())
    with zipfile.ZipFile(__import__("io").BytesIO(cleaned)) as archive:
        master = archive.read(makers.MASTER).decode()
    assert "oleObj" not in master and 'name="Object"' not in master
    assert 'name="Bureau emblem"' in master  # the template's own picture stays
    makers.external_links(template)
    with zipfile.ZipFile(__import__("io").BytesIO(clean_package(template.read_bytes()))) as archive:
        master = archive.read(makers.MASTER).decode()
    assert "hlinkClick" not in master and 'name="Link"' in master  # the shape stays, its link goes
    assert 'name="Linked"' not in master  # a picture that was only a link has nothing to show


TEMPLATES = [t for t in sorted((makers.ROOT / "tests" / "data" / "templates").glob("*.p*")) + sorted(shared("templates").glob("*.p*")) if t.suffix in (".pptx", ".potx")]


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_real_templates_keep_their_masters_layouts_and_pictures(template: Path) -> None:
    blob = template.read_bytes()
    with zipfile.ZipFile(template) as archive:
        before = set(archive.namelist())
    import io

    with zipfile.ZipFile(io.BytesIO(clean_package(blob))) as archive:
        after = set(archive.namelist())
    lost = {name for name in before - after if not name.endswith("/") and re.match(r"ppt/(slideMasters|slideLayouts|theme|media)/", name)}
    # only pictures nothing links to, and SVG copies beside their PNGs, may go
    assert all(name.endswith(".svg") or not _linked(template, name) for name in lost), lost


def _linked(template: Path, member: str) -> bool:
    base = member.rsplit("/", 1)[-1]
    with zipfile.ZipFile(template) as archive:
        return any(base.encode() in archive.read(n) for n in archive.namelist() if n.endswith(".rels"))
