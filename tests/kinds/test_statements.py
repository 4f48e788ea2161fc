"""Statements set as display text beside their bar, and the keywords kind."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.layout.elements import TextBox
from deckgen.kinds.statement import DISPLAY_LINES, WALL_LINES, balanced_chunks, parallel_phrases, sentences
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size
from smalldecks import one_part_outline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def _plan(path: Path, size: str = "16:9", theme_name: str = "postal-green-noto"):
    theme = with_slide_size(load_theme(theme_name), size)
    ts = Typesetter(theme)
    return plan_deck(load_outline(path).deck, theme, ts), ts


def _statement_slides(plan):
    return [s for s in plan.slides if any(isinstance(e, TextBox) and e.name == "Statement" for e in s.elements)]


def _box(slide, name):
    return next(e for e in slide.elements if e.name == name)


def _plain(box) -> str:
    return "".join(p.text for p in box.paras[:1]).replace("\n", "")


SIZES = ["16:9", "4:3"]
THEMES = ["postal-green-noto", "gov-red-noto"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_statement_bar_and_text_stand_at_the_content_margin_on_every_slide(size, theme):
    plan, _ = _plan(SAMPLE, size, theme)
    statements = _statement_slides(plan)
    assert len(statements) >= 5
    title_accent_x = 48.0 if size == "16:9" else 36.0  # the master's title accent (content margin)
    for slide in statements:
        bar = _box(slide, "Statement bar")
        box = _box(slide, "Statement")
        title = _box(slide, "Title")
        assert all(p.align == "left" for p in box.paras[:1])  # never centred away from the bar
        assert bar.rect.x == pytest.approx(title_accent_x), slide.title
        # The text stands in the title's column (an opening “ hangs left of it in
        # both, layout.hanging); the bar spans the text block, left of the column.
        column = box.rect.x + box.insets.left + box.paras[0].margin_left_pt
        assert column == pytest.approx(title.rect.x + title.insets.left + title.paras[0].margin_left_pt), slide.title
        assert box.rect.y == pytest.approx(bar.rect.y) and box.rect.h == pytest.approx(bar.rect.h)
        assert column - bar.rect.right > 12


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_sample_statements_end_each_slide_at_a_sentence_end_and_need_no_continuation(size, theme):
    plan, _ = _plan(SAMPLE, size, theme)
    statements = _statement_slides(plan)
    assert not [s.title for s in statements if s.continued]  # no （续） slides of one or two lines
    for slide in statements:
        text = _plain(_box(slide, "Statement"))
        assert text.rstrip("”’」》）").endswith(tuple("。！？；")), f"{slide.title}: ends {text[-3:]!r}"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_a_statement_too_long_for_display_type_shows_its_parallel_phrases_as_key_words(size, theme):
    plan, ts = _plan(SAMPLE, size, theme)
    slide = next(s for s in plan.slides if s.title == "今年工作的总体要求")
    words = [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("Keyword ")]
    assert [w.paras[0].text for w in words] == ["稳态势", "促改革", "强基础", "畅循环"]
    box = _box(slide, "Statement")
    outline_text = load_outline(SAMPLE).deck.parts[2].slides[0].text
    assert _plain(box) == outline_text  # nothing dropped: the whole sentence is under the chips
    para = box.paras[0]
    inner = box.rect.w - box.insets.left - box.insets.right
    assert para.size_pt >= ts.theme.size("body").min_pt
    assert len(ts.lines(para.text, inner, para.size_pt, False)) <= WALL_LINES
    assert max(w.rect.bottom for w in words) < box.rect.y  # chips above the text
    assert all(len(ts.lines(w.paras[0].text, w.rect.w - w.insets.left - w.insets.right, w.paras[0].size_pt, True)) == 1 for w in words)
    # `deckgen check` tells the writer, at the slide, and how to keep it a statement.
    told = [f.message for f in plan.findings if f.path == "parts[2].slides[0]"]
    assert len(told) == 1 and "稳态势、促改革、强基础、畅循环" in told[0] and "shorten" in told[0]


def test_short_statements_are_display_text_in_at_most_three_lines():
    plan, ts = _plan(SAMPLE)
    for slide in plan.slides:
        for box in (e for e in slide.elements if isinstance(e, TextBox) and e.name == "Statement"):
            para = box.paras[0]
            if para.size_pt >= ts.theme.size("display").min_pt:
                inner = box.rect.w - box.insets.left - box.insets.right
                assert len(ts.lines(para.text, inner, para.size_pt, True)) <= DISPLAY_LINES, para.text


def test_an_untitled_statement_is_headed_by_its_part_and_keywords_lay_out_as_chips(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent("""\
        title: 讲话
        parts:
          - title: 准确识变、科学应变、主动求变
            short: 识变应变求变
            slides:
              - kind: statement
                text: 准确识变、科学应变、主动求变。
              - kind: keywords
                keywords:
                  - {word: 识变, text: 准确把握新发展阶段的新特征新要求}
                  - 应变
        """), encoding="utf-8")
    plan, _ = _plan(path)
    content = [s for s in plan.slides if s.kind in ("statement", "keywords")]
    assert [s.title for s in content] == ["识变应变求变", "识变应变求变"]
    chips = [e for e in content[1].elements if isinstance(e, TextBox) and e.name.startswith("Keyword ")]
    assert [c.paras[0].text for c in chips] == ["识变", "准确把握新发展阶段的新特征新要求", "应变"]
    assert chips[0].paras[0].size_pt >= 24 and chips[1].paras[0].size_pt >= 18


def _statement_pages_of(path: Path, size: str):
    plan, ts = _plan(path, size)
    return [s for s in _statement_slides(plan)], ts


@pytest.mark.parametrize(
    "sentences_",
    [
        [
            "坚持以人民为中心的发展思想，切实保障群众寄递服务需求。",
            "坚持系统观念，统筹发展和安全两件大事，守牢安全底线。",
            "坚持改革创新，推动行业高质量发展，服务地方经济社会。",
            "坚持从严治党，锻造忠诚干净担当的干部队伍，凝聚奋进力量。",
        ],
        ["坚持以人民为中心的发展思想，切实保障群众寄递服务需求，让群众寄得放心、收得安心。", "坚持系统观念，守牢安全底线。", "坚持从严治党，凝聚奋进力量。"],
    ],
)
def test_sentences_continue_on_a_second_display_slide_split_evenly_at_a_sentence_end(tmp_path, sentences_):
    path = one_part_outline(tmp_path, f"""\
        - kind: statement
          title: 几个坚持
          text: {"".join(sentences_)}
        """)
    slides, ts = _statement_pages_of(path, "4:3")
    assert [s.title for s in slides] == ["几个坚持", "几个坚持（续）"]
    chunks = [_plain(_box(s, "Statement")) for s in slides]
    half = -(-len(sentences_) // 2) if len(sentences_) == 4 else 1
    assert chunks == ["".join(sentences_[:half]), "".join(sentences_[half:])]  # at a 。, evenly
    for slide in slides:
        box = _box(slide, "Statement")
        para = box.paras[0]
        assert para.size_pt >= ts.theme.size("display").min_pt  # still display type
        assert len(ts.lines(para.text, box.rect.w - box.insets.left - box.insets.right, para.size_pt, True)) <= DISPLAY_LINES


def test_a_long_statement_without_key_words_is_never_a_wall_and_splits_evenly_by_sentence(tmp_path):
    sentence = "全市邮政快递业要坚持稳中求进工作总基调，扎实推进各项重点工作落地见效。"
    text = sentence * 9  # no parallel phrases: it cannot become key words
    path = one_part_outline(tmp_path, f"""\
        - kind: statement
          title: 工作要求
          text: {text}
        """)
    for size in SIZES:
        slides, ts = _statement_pages_of(path, size)
        counts = []
        for slide in slides:
            box = _box(slide, "Statement")
            para = box.paras[0]
            counts.append(len(ts.lines(para.text, box.rect.w - box.insets.left - box.insets.right, para.size_pt, True)))
            assert _plain(box).endswith("。")
            assert para.size_pt >= ts.theme.size("body").min_pt
            if para.size_pt > ts.theme.size("body").max_pt:  # large type: never a wall
                assert counts[-1] <= WALL_LINES, (size, para.size_pt, counts)
        assert max(counts) - min(counts) <= 2, (size, counts)  # even, not a full slide and a line
        assert "".join(_plain(_box(s, "Statement")) for s in slides) == text
    assert len(slides) == 1  # 4:3 holds it at body size: better than a third slide
    slides, ts = _statement_pages_of(path, "16:9")
    assert len(slides) == 2  # 16:9: two slides of at most WALL_LINES lines, not one dense one


def test_sentences_never_split_inside_quotes_and_rejoin_to_the_text():
    text = "贯彻“服务全领域；激活全要素”的思路。精心谋划！再创辉煌"
    assert sentences(text) == ["贯彻“服务全领域；激活全要素”的思路。", "精心谋划！", "再创辉煌"]
    assert sentences("说“好。”然后") == ["说“好。”", "然后"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("以推动高质量发展为主题，着力稳态势、促改革、强基础、畅循环，坚决筑牢“护城河”。", ["稳态势", "促改革", "强基础", "畅循环"]),
        ("我们必须准确识变、科学应变、主动求变。", ["准确识变", "科学应变", "主动求变"]),
        ("坚持问题导向、目标导向、结果导向，统筹发展和安全。", ["问题导向", "目标导向", "结果导向"]),
        ("贯彻“服务全领域、激活全要素，打造双高地、畅通双循环”的工作思路。", None),  # pairs, not a run
        ("同心同德、奋力拼搏的结果。", None),
        ("完成X亿件、X万人、X万元的目标。", None),  # figures are never key words
    ],
)
def test_parallel_phrases_are_found_only_where_the_text_has_a_run_of_them(text, words):
    assert parallel_phrases(text) == words


def test_balanced_chunks_prefer_even_chunks_and_refuse_when_none_fit():
    units = ["aaaa", "bb", "cc", "dddd"]

    def cost(chunk, last):
        return float(len(chunk)) if len(chunk) <= 8 else None

    assert balanced_chunks(units, 2, cost) == ["aaaabb", "ccdddd"]
    assert balanced_chunks(units, 1, cost) is None
    assert balanced_chunks(units, 5, cost) is None


def test_a_statement_is_never_continued_onto_a_slide_of_one_line_when_one_slide_holds_it(tmp_path):
    # At 4:3, two display slides would be 3 + 1 lines; 30 pt holds it on one slide.
    text = "坚持以人民为中心的发展思想，切实保障群众寄递服务需求，让群众寄得放心、收得安心、用得舒心，增强获得感。守牢安全底线。"
    path = one_part_outline(tmp_path, f"""\
        - kind: statement
          title: 要求
          text: {text}
        """)
    for size in SIZES:
        slides, ts = _statement_pages_of(path, size)
        for slide in slides:
            box = _box(slide, "Statement")
            para = box.paras[0]
            lines = len(ts.lines(para.text, box.rect.w - box.insets.left - box.insets.right, para.size_pt, True))
            assert lines >= 2 or len(slides) == 1, (size, [_plain(_box(s, "Statement")) for s in slides])
            assert lines <= WALL_LINES
    assert len(slides) == 1  # (the last size asked: 4:3)


def test_a_display_statement_takes_the_largest_size_whose_lines_end_at_phrases():
    plan, ts = _plan(SAMPLE, "16:9")
    slide = next(s for s in plan.slides if s.title == "统筹疫情防控和行业发展")
    para = _box(slide, "Statement").paras[0]
    lines = para.text.split("\n")
    assert len(lines) <= DISPLAY_LINES and para.size_pt >= ts.theme.size("display").min_pt
    # 40 pt would end a line inside 的发展/理念; a size smaller ends each at a phrase.
    assert all(line[-1] in "，、；：。！？”" for line in lines[:-1]), lines
