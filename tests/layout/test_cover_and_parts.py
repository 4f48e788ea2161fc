"""Cover lines, part labels and each built-in theme's own motif."""

from __future__ import annotations

import textwrap
from pathlib import Path

from deckgen.layout.base import generated_base
from deckgen.layout.elements import TextBox
from deckgen.layout.labels import display_date, footer_text, part_label, speaker_line, subtitle_shown
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.outline.model import Part
from deckgen.theme.loader import load_theme

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _texts(slide) -> list[str]:
    return [p.text for e in slide.elements if isinstance(e, TextBox) for p in e.paras]


def test_cover_lines_read_as_a_conference_cover():
    assert speaker_line("XXX同志") == "XXX同志讲话"
    assert speaker_line("张三同志作工作报告") == "张三同志作工作报告"
    assert speaker_line("市局党组书记、局长 张三") == "市局党组书记、局长 张三"
    assert display_date("2024-01-15") == "2024年1月"
    assert display_date("2024.3") == "2024年3月"
    assert display_date("2024年") == "2024年"
    assert subtitle_shown("在2024年全市邮政工作会议上的讲话", "2024年全市邮政工作会议") is None
    assert subtitle_shown("在2024年全市邮政工作会议上的讲话", "——总结成绩 部署任务") == "——总结成绩 部署任务"


def test_part_labels_use_short_then_the_first_clause():
    assert part_label(Part("贯彻落实党的十九届五中全会精神，为全面建设现代化邮政强省开好局、起好步")) == "贯彻落实党的十九届五中全会精神"
    assert part_label(Part("很长的标题，后半句", short="短标签")) == "短标签"
    assert part_label(Part("2024年工作安排")) == "2024年工作安排"


def test_the_sample_cover_agenda_and_dividers(tmp_path):
    theme = load_theme("postal-green-noto")
    deck = load_outline(SAMPLE).deck
    plan = plan_deck(deck, theme, Typesetter(theme))
    cover = _texts(plan.slides[0])
    assert "XXX同志讲话" in cover and "2024年" in cover
    assert "2024年全市邮政工作会议" not in cover  # the subtitle only repeated the title
    agenda = _texts(plan.slides[1])
    assert "贯彻五中全会精神，开好局起好步" in agenda  # the part's short label
    for divider in (s for s in plan.slides if s.kind == "divider"):
        progress = [t for e in divider.elements if isinstance(e, TextBox) and e.name.startswith("Progress") for t in [e.paras[0].text]]
        assert progress and not any(t.endswith("…") for t in progress), progress


def test_a_date_written_as_a_date_shows_as_year_and_month(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent("""\
        title: 工作会议讲话
        presenter: 张三同志
        date: 2025-01-15
        parts:
          - title: 一
        """), encoding="utf-8")
    theme = load_theme("gov-red-noto")
    plan = plan_deck(load_outline(path).deck, theme, Typesetter(theme))
    cover = _texts(plan.slides[0])
    assert cover[-2:] == ["张三同志讲话", "2025年1月"]


def test_gov_red_has_its_own_ribbon_motif_and_a_warm_placeholder_colour():
    red, green = load_theme("gov-red"), load_theme("postal-green")
    names = lambda theme, role: [e.name for e in generated_base(theme).layouts[role].elements]  # noqa: E731
    for role in ("cover", "divider", "closing"):
        assert any(n.startswith("Ribbon") for n in names(red, role)), role
        assert not any(n.startswith("Ribbon") for n in names(green, role)), role
    r, g, b = (int(red.color("placeholder")[i : i + 2], 16) for i in (0, 2, 4))
    assert r > b + 80  # amber, not a link blue


def test_divider_mini_agenda_numbers_and_labels_stand_in_two_columns():
    # Sample slides 3 and 17: "01  2024年…" and "02  贯彻…" started their labels at
    # different places; the numbers now have a column of their own.
    theme = load_theme("postal-green-noto")
    plan = plan_deck(load_outline(SAMPLE).deck, theme, Typesetter(theme))
    for divider in (s for s in plan.slides if s.kind == "divider"):
        boxes = [e for e in divider.elements if isinstance(e, TextBox) and e.name.startswith("Progress")]
        numbers = [b for b in boxes if b.name.startswith("Progress number")]
        labels = [b for b in boxes if not b.name.startswith("Progress number")]
        assert [b.paras[0].text for b in numbers] == ["01", "02", "03"]
        assert labels[0].paras[0].text.startswith("2024年") and not labels[1].paras[0].text[0].isdigit()
        assert len({b.rect.x for b in numbers}) == 1 and len({b.rect.x for b in labels}) == 1
        assert all(n.rect.right <= labels[0].rect.x for n in numbers)
        assert all(b.paras[0].align == "left" for b in labels)


def test_an_organisation_or_date_that_is_only_a_placeholder_is_left_out_of_the_footer():
    # The second seed speech's cover and footer showed "X X年X月", then (review 2) "X年X月".
    assert footer_text("{organisation}  {date}", organisation="X", date="X年X月") == ""
    assert footer_text("{organisation}  {date}", organisation="X市邮政管理局", date="X年X月") == "X市邮政管理局"
    assert footer_text("{organisation}  {date}", organisation="X", date="2024年X月") == "2024年X月"  # half known: shown
    assert footer_text("{organisation}  {date}", organisation="××", date=None) == ""
    assert footer_text("{organisation}  {date}", organisation="X市邮政管理局", date="2024-01") == "X市邮政管理局  2024年1月"


def test_footers_of_a_deck_with_an_unknown_organisation_and_date(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text("title: 讲话\norganisation: X\ndate: X年X月\nparts:\n  - title: 一\n    slides:\n      - {kind: bullets, title: 要点, bullets: [甲]}\n", encoding="utf-8")
    theme = load_theme("postal-green-noto")
    plan = plan_deck(load_outline(path).deck, theme, Typesetter(theme))
    footers = [e for s in plan.slides for e in s.elements if isinstance(e, TextBox) and e.name == "Footer"]
    assert footers == []  # no slide prints "X年X月"
    assert any(e.name == "Slide number" for s in plan.slides for e in s.elements)  # the slide numbers stay
    signed = [e.paras[0].text for e in plan.slides[-1].elements if isinstance(e, TextBox) and e.name == "Sign-off"]
    assert signed == []  # the closing slide signs off the same way
    cover = [p.text for e in plan.slides[0].elements if isinstance(e, TextBox) for p in e.paras]
    assert "主办单位、日期待填（X）" in cover  # the cover still asks for both


def _cover_texts(tmp_path: Path, head: str, *extra: str) -> tuple[list[str], str]:
    """The cover's texts of a one-slide deck with the metadata lines *head*, built
    with ``deckgen build`` and *extra* options, and ``deckgen check``'s output."""
    from click.testing import CliRunner
    from pptx import Presentation

    from deckgen.cli import cli

    path = tmp_path / "deck.yaml"
    path.write_text(
        "title: 在全县2024年经济工作会议上的讲话\n" + textwrap.dedent(head)
        + "parts:\n  - title: 一\n    slides:\n      - {kind: bullets, title: 要点, bullets: [甲, 乙]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    cover = Presentation(str(out)).slides[0]
    texts = [p.text for sh in cover.shapes if sh.has_text_frame and sh.name != "Title" for p in sh.text_frame.paragraphs if p.text]
    return texts, CliRunner().invoke(cli, ["check", str(path)]).output


def test_a_cover_whose_speech_names_no_one_says_so_in_one_calm_line(tmp_path):
    texts, check = _cover_texts(tmp_path, """\
        organisation: X
        presenter: X
        date: X年X月
        """)
    assert texts == ["讲话人、主办单位、日期待填（X）"]  # not three bare X lines
    assert "organisation holds an X placeholder" in check and "presenter holds an X placeholder" in check
    assert "date holds 2 X placeholders" in check


def test_filled_cover_fields_show_as_themselves_beside_the_placeholder_line(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("replace:\n  X年X月: 2024年12月\n", encoding="utf-8")
    texts, _ = _cover_texts(tmp_path, """\
        organisation: 某县人民政府
        presenter: X
        date: X年X月
        """, "--values", str(figures))
    assert texts == ["某县人民政府", "2024年12月", "讲话人待填（X）"]
    texts, _ = _cover_texts(tmp_path, "presenter: XXX同志\n")
    assert texts == ["XXX同志讲话"]  # an anonymised name is a speaker line, not a missing one
