"""Very long text: what can continue continues with nothing lost; what cannot is refused.

A 100,000-character bullet, an achievement whose detail fills dozens of slides, a
statement of a whole speech: each continues over as many slides as it needs, in
order, every character kept, no box off the slide. A title, table cell or card too
long for any slide is refused at its line with exit 1, and nothing is written
(``deckgen.layout.limits``).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.layout.limits import MAX_CELL_CHARS, MAX_TITLE_CHARS

ROOT = Path(__file__).resolve().parent.parent
SPEECH = (ROOT / "decks" / "postal-2024.speech.txt").read_text(encoding="utf-8").replace("\n", "")


def speech_text(length: int) -> str:
    """Real speech text (Chinese with figures, Latin and punctuation), *length* characters."""
    return (SPEECH * (length // len(SPEECH) + 1))[:length]


def write_outline(tmp_path: Path, slides: list[dict], **deck) -> Path:
    outline = {"title": deck.pop("title", "长文本"), "parts": [{"title": "第一部分", "slides": slides}], **deck}
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True, width=10**9), encoding="utf-8")
    return path


def build(path: Path, tmp_path: Path):
    deck = tmp_path / "long.pptx"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(deck)])
    return result, deck


def slides_titled(deck: Path, title: str):
    """The slides whose title is *title* or *title* + （续）, in order."""
    prs = Presentation(str(deck))
    out = []
    for slide in prs.slides:
        names = {shape.name: shape for shape in slide.shapes}
        if "Title" in names and names["Title"].text_frame.text in (title, title + "（续）"):
            out.append(slide)
    return prs, out


def item_text(slides) -> str:
    """The text of every item box on *slides*, in order, newlines dropped."""
    parts = []
    for slide in slides:
        for shape in slide.shapes:
            if shape.name.startswith(("Item ", "Statement")):
                # python-pptx shows a line break inside a paragraph (a:br) as \x0b
                parts.append("".join(p.text.replace("\x0b", "") for p in shape.text_frame.paragraphs))
    return "".join(parts)


def assert_inside_the_slide(prs, slides):
    for slide in slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= prs.slide_height, f"{shape.name} ends below the slide"


def test_a_100000_character_bullet_continues_over_many_slides_with_nothing_lost(tmp_path):
    bullet = speech_text(100_000)
    result, deck = build(write_outline(tmp_path, [{"kind": "bullets", "title": "很长的要点", "bullets": ["第一条", bullet, "最后一条"]}]), tmp_path)
    assert result.exit_code == 0, result.output
    assert "continued on" in result.output
    prs, slides = slides_titled(deck, "很长的要点")
    assert len(slides) > 50
    assert item_text(slides) == "第一条" + bullet + "最后一条"
    # a piece after the first carries no second marker: one marker per bullet
    markers = [s for slide in slides for s in slide.shapes if s.name.startswith("Marker ")]
    assert sorted({m.name for m in markers}) == ["Marker 1", "Marker 2", "Marker 3"] and len(markers) == 3
    assert_inside_the_slide(prs, slides)


def test_a_long_bullet_keeps_its_line_breaks_within_each_slide(tmp_path):
    speech = (ROOT / "decks" / "postal-2024.speech.txt").read_text(encoding="utf-8")[:8000]
    result, deck = build(write_outline(tmp_path, [{"kind": "bullets", "title": "讲话", "bullets": [speech]}]), tmp_path)
    assert result.exit_code == 0, result.output
    prs, slides = slides_titled(deck, "讲话")
    assert len(slides) > 5
    assert item_text(slides) == speech.replace("\n", "")
    # Every wrapped line ends in a break (a:br, \x0b) too, so look where the speech's
    # own line ends are: each at a break, but for those at a slide's end.
    shown = "".join(p.text for s in slides for shape in s.shapes if shape.name.startswith("Item ") for p in shape.text_frame.paragraphs)
    break_at, plain = set(), 0
    for char in shown:
        if char == "\x0b":
            break_at.add(plain)
        else:
            plain += 1
    own, plain = [], 0
    for char in speech:
        if char == "\n":
            own.append(plain)
        else:
            plain += 1
    kept = sum(1 for position in own if position in break_at)
    assert speech.count("\n") - len(slides) < kept <= speech.count("\n")  # only those at a slide's end go
    assert_inside_the_slide(prs, slides)


def test_an_achievement_whose_headline_and_detail_fill_slides_continues_in_order(tmp_path):
    headline, detail = speech_text(3_000), speech_text(12_000)[::-1]
    items = [{"headline": "短标题", "detail": "短说明"}, {"headline": headline, "detail": detail}]
    result, deck = build(write_outline(tmp_path, [{"kind": "achievements", "title": "成效", "items": items}]), tmp_path)
    assert result.exit_code == 0, result.output
    prs, slides = slides_titled(deck, "成效")
    assert len(slides) > 5
    assert item_text(slides) == "短标题短说明" + headline + detail
    # One badge per item (showing its icon or number), none on the pieces that continue it.
    badges = [s.name for slide in slides for s in slide.shapes if s.name.startswith("Badge ") and s.name[6:].isdigit()]
    assert badges == ["Badge 1", "Badge 2"]
    assert_inside_the_slide(prs, slides)


def test_a_statement_of_a_whole_speech_continues_with_nothing_lost(tmp_path):
    text = speech_text(20_000)
    result, deck = build(write_outline(tmp_path, [{"kind": "statement", "title": "讲话全文", "text": text}]), tmp_path)
    assert result.exit_code == 0, result.output
    prs, slides = slides_titled(deck, "讲话全文")
    assert len(slides) > 10
    assert item_text(slides) == text
    assert_inside_the_slide(prs, slides)


def test_text_repeated_through_yaml_aliases_builds(tmp_path):
    text = speech_text(30_000)  # 90 KB of UTF-8
    path = tmp_path / "alias.yaml"
    path.write_text(
        "title: 别名\nparts:\n  - title: 一\n    slides:\n"
        f"      - {{kind: bullets, title: 甲, bullets: [&long {text}, *long, *long]}}\n",
        encoding="utf-8",
    )
    result, deck = build(path, tmp_path)
    assert result.exit_code == 0, result.output
    _, slides = slides_titled(deck, "甲")
    assert item_text(slides) == text * 3


def test_a_title_too_long_for_any_slide_is_refused_at_its_line(tmp_path):
    title = speech_text(100_000)
    path = write_outline(tmp_path, [{"kind": "bullets", "title": "短", "bullets": ["短"]}, {"kind": "bullets", "title": title, "bullets": ["短"]}])
    deck = tmp_path / "long.pptx"
    deck.write_bytes(b"previous deck")
    result, _ = build(path, tmp_path)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if title[:20] in text)
    assert f"long.yaml:{line}:" in result.output
    assert f"title is too long: 100,000 characters, at most {MAX_TITLE_CHARS}" in result.output
    assert "Traceback" not in result.output
    assert deck.read_bytes() == b"previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.pptx", "long.yaml"]


def test_check_reports_every_text_too_long_for_a_slide(tmp_path):
    metrics = [{"indicator": "甲" * (MAX_CELL_CHARS + 1), "value": "X"}]
    path = write_outline(
        tmp_path,
        [{"kind": "metrics", "title": "指标", "metrics": metrics}],
        title="题" * (MAX_TITLE_CHARS + 1),
        closing={"title": "谢" * 5000},
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "is too long" in line]
    assert len(errors) == 3, result.output
    assert any("indicator is too long" in line for line in errors)


def test_titles_at_the_limit_still_build(tmp_path):
    path = write_outline(tmp_path, [{"kind": "bullets", "title": "题" * MAX_TITLE_CHARS, "bullets": ["短"]}], title="题" * MAX_TITLE_CHARS)
    result, deck = build(path, tmp_path)
    assert result.exit_code == 0, result.output
    assert deck.exists()


def test_every_bounded_field_says_what_to_do_when_too_long():
    """Each limited field has its advice: a caption or key-word text past its limit is an
    error at its line, never a crash (the fuzz test found a KeyError for Photo.caption)."""
    from deckgen.layout.limits import _ADVICE, LIMITS

    assert set(LIMITS) <= set(_ADVICE)


def test_a_photo_caption_too_long_is_refused_at_its_line(tmp_path):
    (tmp_path / "p.png").write_bytes(b"")
    path = write_outline(tmp_path, [{"kind": "bullets", "title": "短", "bullets": ["短"]}])
    outline = yaml.safe_load(path.read_text(encoding="utf-8"))
    outline["parts"][0]["image"] = {"file": "p.png", "caption": "注" * 400}
    path.write_text(yaml.safe_dump(outline, allow_unicode=True, width=10**9), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "caption is too long: 400 characters" in result.output, result.output
    assert "Traceback" not in result.output
