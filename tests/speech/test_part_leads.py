"""A part that opens with its key sentence carries it on its divider (issue 16).

The party congress report read as fifteen times divider → the part's opening
sentence alone on a statement slide → a list. The opening sentence now stands under
the part's title on the divider; statements further into a part keep their slide.
"""

from __future__ import annotations

import pytest

from deckgen.speech import derive_outlines
from deckgen.speech.derive import lead_dividers
from shared_material import require, shared

CORPUS = shared("corpus")


@pytest.fixture(scope="module")
def congress() -> dict:
    source = require(CORPUS / "cpc-20th-congress-report-2022.txt")
    [derived] = derive_outlines(source.read_text(encoding="utf-8"), source.name)
    return derived.data


def _kinds(part: dict) -> list[str]:
    return ["divider"] + [s["kind"] for s in part.get("slides", [])]


def test_no_part_of_the_congress_report_opens_with_a_statement_after_its_divider(congress):
    parts = congress["parts"]
    # Was 12 of 15 parts: divider, the opening sentence alone, then the list.
    assert [p["title"] for p in parts if _kinds(p)[:2] == ["divider", "statement"]] == []
    assert _kinds(parts[0]) == ["divider", "bullets", "bullets", "statement"]
    assert _kinds(parts[1]) == ["divider", "bullets"]
    assert _kinds(parts[3]) == ["divider", "achievements"]
    leads = {p["title"]: p.get("lead") for p in parts}
    assert sum(1 for lead in leads.values() if lead) == 12
    assert leads["增进民生福祉，提高人民生活品质"] == "江山就是人民，人民就是江山"
    assert leads["开辟马克思主义中国化时代化新境界"] == "马克思主义是我们立党立国、兴党兴国的根本指导思想"
    assert leads["推动绿色发展，促进人与自然和谐共生"] == "尊重自然、顺应自然、保护自然"


def test_the_lead_is_still_spoken_and_said_once(congress):
    part = next(p for p in congress["parts"] if p["title"] == "增进民生福祉，提高人民生活品质")
    # The paragraph it opens is in the divider's notes, after the part's heading.
    assert part["notes"].startswith("九、增进民生福祉，提高人民生活品质")
    assert "江山就是人民，人民就是江山。中国共产党领导人民打江山、守江山" in part["notes"]
    shown = [str(v) for p in congress["parts"] for s in p.get("slides", []) for k, v in s.items() if k != "notes"]
    assert not [text for text in shown if "江山就是人民，人民就是江山" in text]


def test_a_statement_inside_a_part_keeps_its_slide(congress):
    """新时代的伟大成就是…奋斗出来的 closes the review part: it is no opening."""
    first = congress["parts"][0]
    assert first["slides"][-1]["kind"] == "statement"
    assert first["slides"][-1]["text"] == "新时代的伟大成就是党和人民一道拼出来、干出来、奋斗出来的"


def test_only_the_parts_own_opening_sentence_goes_on_its_divider():
    opening = {"kind": "statement", "title": "甲", "text": "发展是第一要务", "notes": "同志们！\n发展是第一要务。我们要抓好发展。\n"}
    later = {"kind": "statement", "title": "乙", "text": "奋斗出来的", "notes": "前面说了很多话。又说了一句。成就是奋斗出来的。\n"}
    bullets = {"kind": "bullets", "title": "丙", "bullets": ["一", "二"], "notes": "一\n二\n"}
    parts = [{"title": "一、发展", "notes": "一、发展\n", "slides": [dict(opening), dict(bullets)]}, {"title": "二、奋斗", "slides": [dict(later), dict(bullets)]}]
    lead_dividers(parts)
    assert parts[0]["lead"] == "发展是第一要务"
    assert parts[0]["notes"] == "一、发展\n同志们！\n发展是第一要务。我们要抓好发展。\n"
    assert [s["kind"] for s in parts[0]["slides"]] == ["bullets"]
    assert "lead" not in parts[1]  # its third sentence: the statement keeps its slide
    assert [s["kind"] for s in parts[1]["slides"]] == ["statement", "bullets"]
    # The year's overall requirement keeps its statement slide under that name.
    required = {"kind": "statement", "title": "做好今年工作的总体要求", "text": "着力稳就业、稳企业", "notes": "做好今年工作，要着力稳就业、稳企业，推动高质量发展。\n"}
    third = [{"title": "一、回顾", "slides": [dict(bullets)]}, {"title": "二、任务", "slides": [dict(required), dict(bullets)]}]
    lead_dividers(third)
    assert "lead" not in third[1] and third[1]["slides"][0]["title"] == "做好今年工作的总体要求"
    # A one-part talk has no divider: its statement stays.
    alone = [{"title": "讲话要点", "slides": [dict(opening), dict(bullets)]}]
    lead_dividers(alone)
    assert "lead" not in alone[0] and alone[0]["slides"][0]["kind"] == "statement"
