"""Escaping by construction: markup characters in any field or theme value reach the
deck as text, never as XML, and every part of the package still parses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from deckgen.build import build
from deckgen.cli import cli
from deckgen.theme.loader import builtin_themes

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore:font .* not found:RuntimeWarning")  # the odd names are not installed
NASTY = "A\"B'C&D<E>F]]>&amp;&#x41;G"  # markup, entities, a CDATA end

OUTLINE = """\
title: '{q}'
subtitle: '{q}'
organisation: '{q}'
presenter: '{q}'
date: '{q}'
theme: nasty.yaml
notes: '{q}'
parts:
  - title: '{q}'
    notes: '{q}'
    slides:
      - kind: metrics
        title: '{q} 指标'
        headers: ['{q}', '{q}', '{q}', '{q}']
        metrics:
          - {{indicator: '{q}', value: '{q}', unit: '{q}', change: '{q}'}}
      - kind: achievements
        title: '{q} 成绩'
        items:
          - {{headline: '{q}', detail: '{q}'}}
      - kind: bullets
        title: '{q} 要点'
        bullets: ['{q}']
      - kind: focus-areas
        title: '{q} 重点'
        areas: [{{title: '{q}', summary: '{q}'}}]
      - kind: focus-area
        title: '{q} 详情'
        number: 1
        items: ['{q}']
      - kind: statement
        text: '{q}'
        source: '{q}'
closing:
  title: '{q}'
  text: '{q}'
"""


def _yaml_single_quoted(text: str) -> str:
    return text.replace("'", "''")


@pytest.fixture(scope="module")
def nasty_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nasty")
    source = builtin_themes()["postal-green-noto"]  # names its faces "Noto Sans CJK SC", replaced below
    logo = source.parent.parent / "logos" / "postal-green.png"
    theme = source.read_text(encoding="utf-8").replace("../logos/postal-green.png", str(logo))
    theme = theme.replace("name: postal-green-noto", "name: 'x\"y<z>&w'")
    theme = theme.replace("latin: Noto Sans CJK SC", "latin: 'Noto \"Sans\" <CJK> & SC'")
    theme = theme.replace("east_asian: Noto Sans CJK SC", "east_asian: \"Noto 'Sans' CJK SC\"")
    theme = theme.replace('footer: "{organisation}  {date}"', "footer: '<b>&\"{organisation}\"</b> {date}'")
    (folder / "nasty.yaml").write_text(theme, encoding="utf-8")
    outline = folder / "nasty-outline.yaml"
    outline.write_text(OUTLINE.format(q=_yaml_single_quoted(NASTY)), encoding="utf-8")
    return build(outline, folder / "nasty.pptx").output


def test_every_xml_part_of_the_deck_parses(nasty_deck: Path) -> None:
    with zipfile.ZipFile(nasty_deck) as package:
        names = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
        assert any(n.startswith("ppt/slides/slide") for n in names)
        for name in names:
            etree.fromstring(package.read(name))  # raises on any unescaped character


def test_the_text_arrives_as_written(nasty_deck: Path) -> None:
    prs = Presentation(str(nasty_deck))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    joined = "\n".join(texts)
    for piece in ('A"B', "B'C", "C&D", "D<E>F", "]]>&amp;&#x41;G"):
        assert piece in joined, piece
    assert prs.core_properties.title == NASTY
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert any('A"B' in n for n in notes)


def test_the_typefaces_are_attribute_values_not_markup(nasty_deck: Path) -> None:
    with zipfile.ZipFile(nasty_deck) as package:
        theme = etree.fromstring(package.read("ppt/theme/theme1.xml"))
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    # The faces are named once, in the theme's font scheme; runs refer to it (+mn-lt …).
    minor = theme.find(".//a:minorFont", ns)
    assert minor.find("a:latin", ns).get("typeface") == 'Noto "Sans" <CJK> & SC'
    assert minor.find("a:ea", ns).get("typeface") == "Noto 'Sans' CJK SC"


@pytest.mark.parametrize("escape", ["\\0", "\\x01", "\\e", "\\x7f", "\\x9b", "\\uFFFF"])
def test_control_characters_are_refused_by_check_and_build_alike(escape: str, tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(f'title: 讲话\nparts:\n  - title: "第一{escape}部分"\n', encoding="utf-8")
    for command in (["check", str(outline)], ["build", str(outline), "-o", str(tmp_path / "talk.pptx")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, result.output
        assert f"{outline}:3:12:" in result.stdout + result.stderr
        assert "control character" in result.stdout + result.stderr
    assert not (tmp_path / "talk.pptx").exists()


def test_the_quick_check_for_escaping_knows_exactly_the_characters_escaped():
    # text() leaves a value alone unless this pattern finds a character to escape.
    from deckgen.render.xml import _ESCAPES, _NEEDS_ESCAPING

    for code in range(0x10000):
        assert bool(_NEEDS_ESCAPING.match(chr(code))) == (code in _ESCAPES), hex(code)
