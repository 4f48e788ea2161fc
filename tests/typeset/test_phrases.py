"""Reading rules for every wrapped text: figures and terms whole, no lone last character."""

from __future__ import annotations

import pytest

from deckgen.typeset.phrases import break_penalty, span_cuts, visible
from deckgen.typeset.typesetter import Typesetter
from deckgen.theme.loader import load_theme


@pytest.fixture(scope="module", params=["postal-green", "gov-red"])
def ts(request):
    return Typesetter(load_theme(request.param))


def _cuts(lines: list[str]) -> set[int]:
    return {sum(len(x) for x in lines[: k + 1]) for k in range(len(lines) - 1)}


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("实现快递业务量3.5万件", "3.5万件"),
        ("同比提高X个百分点", "X个百分点"),
        ("截至2024年底", "2024年"),
        ("“十三五”时期", "“十三五”"),
        ("十四五规划开局", "十四五"),
        ("党的十九届五中全会精神", "十九届五中全会"),
        ("迎接建党一百周年", "一百周年"),
        ("修订《X市邮政条例》", "《X市邮政条例》"),
        ("推动高质量发展", "高质量"),
        ("整顿软弱涣散基层党组织", "党组织"),  # 党组/织 on the derived party-building deck
        ("深刻领悟两个确立的决定性意义", "两个确立"),
        ("以中国式现代化全面推进强国建设", "中国式现代化"),
    ],
)
def test_protected_spans(text, term):
    start = text.index(term)
    assert set(range(start + 1, start + len(term))) <= span_cuts(text)
    assert start not in span_cuts(text) and start + len(term) not in span_cuts(text)


def test_visible_characters_leave_out_punctuation_and_spaces():
    assert visible("年。") == 1
    assert visible("里”") == 1
    assert visible("评选") == 2


def test_break_penalty_prefers_punctuation_then_function_words_and_avoids_known_words():
    text = "加强党建，推进改革的发展和创新"
    assert break_penalty(text, text.index("推")) == 0
    assert break_penalty(text, text.index("发")) == 1  # after 的
    assert break_penalty(text, text.index("和")) == 1  # before 和
    assert break_penalty(text, text.index("革")) == 3  # inside 改革, a known word
    assert break_penalty(text, text.index("改")) == 2  # between 推进 and 改革


BODY = [
    "着重关心关爱快递小哥，持续开展“暖蜂行动”，做好“最美快递员”评选",
    "始终把政治建设摆在第一位，重点抓好党的十九届五中全会精神学习贯彻",
    "健全“政府主导、企业主责、行业自律、部门共治”的行业环保治理体系",
    "以“邮快合作”“快商合作”等模式打通农村快递“最后一公里”",
    "截至2024年X月底，全市快递从业人员到岗X人，返岗率达到X%，实现快递业务量3.5万件，同比提高X个百分点",
    "市政府实施意见：实现乡乡有网点、村村通快递，行政村电商寄递服务全覆盖",
]


@pytest.mark.parametrize("text", BODY)
@pytest.mark.parametrize("width", [300.0, 420.0, 560.0, 640.0, 700.0])
def test_body_lines_keep_figures_and_terms_whole_and_never_end_on_one_character(ts, text, width):
    for size in (18.0, 21.0, 24.0):
        lines = ts.lines(text, width, size)
        assert "".join(lines) == text
        if len(lines) < 2:
            continue
        assert visible(lines[-1]) >= 2, lines
        assert not _cuts(lines) & span_cuts(text), lines
        for line in lines:  # each line fits on its own: written as explicit breaks, drawn as is
            assert len(ts.lines(line, width, size)) == 1, (line, lines)


def test_a_lone_last_character_is_pulled_down_without_a_line_more(ts):
    text = BODY[0]
    # The width at which greedy wrapping leaves 选 alone, found by narrowing.
    size = 21.0
    width = ts.one_line_width(text[:-1], size, within=text) + 0.3
    assert ts.lines(text[:-1], width, size) == [text[:-1]]  # greedy: all but 选 on line one
    lines = ts.lines(text, width, size)
    # Not 选 alone, nor the stub 评选: the last phrase end, still two lines.
    assert lines == ["着重关心关爱快递小哥，持续开展“暖蜂行动”，", "做好“最美快递员”评选"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("坚持稳中求进工作总基调", "稳中求进"),  # Q24 稳/中求进
        ("深刻认识新时代党的建设的重大意义", "党的建设"),  # P3 党的/建设
        ("持之以恒正风肃纪反腐", "持之以恒"),  # Q29 持之以/恒
        ("健全“政府主导、企业主责、行业自律、部门共治”的体系", "部门共治"),  # Q32 “部门共/治”
        ("健全“政府主导、企业主责、行业自律、部门共治”的体系", "政府主导"),
        ("健全“政府主导、企业主责、行业自律、部门共治”的体系", "企业主责"),
    ],
)
def test_political_terms_and_quoted_list_terms_stay_whole(text, term):
    start = text.index(term)
    assert set(range(start + 1, start + len(term))) <= span_cuts(text)


def test_a_list_outside_quotes_is_not_protected():
    text = "着力稳态势、促改革、强基础、畅循环，坚决筑牢寄递渠道首都“护城河”"
    start = text.index("促改革")
    assert not set(range(start + 1, start + 3)) & span_cuts(text)
