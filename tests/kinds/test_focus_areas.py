"""Focus-area card grids: the shape from the count, a compact design before splitting,
even pages without holes, and head-only cards as tall as their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.kinds.focus_areas import grid_shape
from deckgen.layout.elements import Fill, Icon, TextBox
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme, with_slide_size

AREAS = [
    ("坚持讲政治、强党建、严执纪", "压紧压实全面从严治党责任链条，推动党建与业务深度融合"),
    ("深入推进“快递进村”工程", "巩固建制村快递服务通达成果，提升农村寄递服务质量"),
    ("加快推进邮政普遍服务提质增效", "优化乡镇邮政局所布局，推进邮政综合服务平台建设"),
    ("推动快递业与制造业深度融合发展", "培育“快递+制造”项目X个，服务先进制造业集群"),
    ("推进跨境寄递协同发展", "支持企业布局海外仓，开通国际货运航线"),
    ("持续推进行业绿色低碳发展", "推广可循环快递包装，新能源车辆占比提高到X%"),
    ("强化寄递渠道安全监管", "落实“三项制度”，确保重大活动期间寄递渠道安全"),
    ("切实维护快递员合法权益", "推进职业伤害保障，开展“快递小哥”关爱行动"),
    ("深化“放管服”改革优化营商环境", "行政许可审批时限再压缩X%，推行“一网通办”"),
    ("提升行业数字化智能化水平", "建设数字化监管平台，推动行业高质量发展"),
    ("加强行业人才队伍建设", "开展职业技能培训X人次，举办行业技能竞赛"),
    ("全面加强机关自身建设", "提升依法行政能力，改进工作作风，提高服务效能"),
]
LONG = "，并且建立健全长效工作机制，定期开展督导检查和考核评估，确保各项措施落到实处、取得实效"


def _pages(tmp_path: Path, areas: list[str], *, size: str = "16:9", theme: str = "postal-green-noto"):
    """The planned slides of one focus-areas slide holding *areas* (YAML flow items)."""
    body = "\n".join(f"          - {a}" for a in areas)
    path = tmp_path / "deck.yaml"
    path.write_text(
        "title: 卡片\nparts:\n  - title: 一\n    slides:\n      - kind: focus-areas\n        title: 重点工作\n        areas:\n" + body + "\n",
        encoding="utf-8",
    )
    loaded = with_slide_size(load_theme(theme), size)
    plan = plan_deck(load_outline(path).deck, loaded, Typesetter(loaded))
    return [s for s in plan.slides if s.title.startswith("重点工作")]


def _cards(slide) -> list:
    return [e.rect for e in slide.elements if isinstance(e, Fill) and e.name.startswith("Card ") and e.name[5:].isdigit()]


def _rows(slide) -> list[list]:
    rows: dict[float, list] = {}
    for rect in _cards(slide):
        rows.setdefault(round(rect.y, 1), []).append(rect)
    return [sorted(r, key=lambda c: c.x) for _, r in sorted(rows.items())]


def _with_summaries(n: int, extra: str = "", *, short: bool = False) -> list[str]:
    return [f"{{title: {t}, summary: {s.split('，')[0] if short else s}{extra}}}" for t, s in AREAS[:n]]


def test_grid_shapes_follow_the_count():
    assert [grid_shape(n, wide=True) for n in (6, 7, 9, 10, 11, 12)] == [(3, 2), (3, 3), (3, 3), (5, 2), (4, 3), (4, 3)]
    assert grid_shape(9, wide=False) == (3, 3)
    assert grid_shape(40, wide=True) is None


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_nine_cards_with_summaries_fit_one_three_by_three_slide(tmp_path, size):
    # 4:3 cells are 204 pt wide: summaries of one clause (16:9 takes two).
    slides = _pages(tmp_path, _with_summaries(9, short=size == "4:3"), size=size)
    assert len(slides) == 1  # the compact design holds them: no （续）
    rows = _rows(slides[0])
    assert [len(r) for r in rows] == [3, 3, 3]
    text = [e for e in slides[0].elements if isinstance(e, TextBox) and e.name.startswith("Card ")]
    assert all(t.paras[1].size_pt >= 18 and t.paras[2].size_pt >= 14 for t in text)  # head at body size, summary at table size or more


def test_twelve_cards_that_must_split_go_six_and_six(tmp_path):
    slides = _pages(tmp_path, _with_summaries(12, LONG[:20]))
    assert [len(_cards(s)) for s in slides] == [6, 6]  # not 9 + 3


def test_nine_long_cards_split_five_and_four_with_rows_centred(tmp_path):
    slides = _pages(tmp_path, _with_summaries(9, LONG))
    assert [len(_cards(s)) for s in slides] == [5, 4]
    body_left = min(r.x for s in slides for r in _cards(s))
    body_right = max(r.right for s in slides for r in _cards(s))
    for slide in slides:
        rows = _rows(slide)
        assert max(len(r) for r in rows) - min(len(r) for r in rows) <= 1  # 4 go 2 + 2, never 3 + 1
        for row in rows:
            # No hole: a short row sits in the middle, as far from the left as from the right.
            assert abs((row[0].x - body_left) - (body_right - row[-1].right)) < 0.5
        sizes = {(round(r.w, 1), round(r.h, 1)) for r in _cards(slide)}
        assert len(sizes) == 1


def test_cards_without_summaries_are_as_tall_as_their_heads_and_centred(tmp_path):
    slides = _pages(tmp_path, ["党建引领", "快递进村工程", "普遍服务提质增效", "绿色低碳", "安全监管", "权益保障"])
    assert len(slides) == 1
    cards = _cards(slides[0])
    assert len(cards) == 6
    heights = {round(r.h, 1) for r in cards}
    assert len(heights) == 1 and heights.pop() < 130  # a full 3 × 2 cell is about 173 pt tall
    texts = [e for e in slides[0].elements if isinstance(e, TextBox) and e.name.startswith("Card ")]
    assert all(t.paras[1].align == "center" for t in texts)
    icons = [e.rect for e in slides[0].elements if isinstance(e, Icon)]
    assert len(icons) == 6
    for icon, card in zip(sorted(icons, key=lambda r: (r.y, r.x)), sorted(cards, key=lambda r: (r.y, r.x))):
        assert abs((icon.x + icon.w / 2) - (card.x + card.w / 2)) < 0.5  # the icon above the head, centred
    # The grid is centred on the slide's body (where full cells reach): as much room above it as below.
    top = min(r.y for r in cards)
    bottom = max(r.bottom for r in cards)
    full = _pages(tmp_path, _with_summaries(6))
    full_cards = _cards(full[0])
    body_top, body_bottom = min(r.y for r in full_cards), max(r.bottom for r in full_cards)
    assert abs((top - body_top) - (body_bottom - bottom)) < 0.5


def test_cards_with_short_summaries_are_as_tall_as_their_text_and_centred(tmp_path):
    # G14 of the review: four cards, a head and a six-word summary each, stretched
    # over the whole body with half of every card empty.
    short = [f"{{title: {t}, summary: {s}}}" for t, s in
             [("扩大有效需求", "推动经济持续回升向好"), ("加快发展新质生产力", "构建现代化产业体系"),
              ("深化改革开放", "持续激发发展活力"), ("保障和改善民生", "扎实推进共同富裕")]]
    theme = with_slide_size(load_theme("gov-red-noto"), "16:9")
    ts = Typesetter(theme)
    (slide,) = _pages(tmp_path, short, theme="gov-red-noto")
    cards = _cards(slide)
    assert [len(r) for r in _rows(slide)] == [2, 2]
    texts = [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("Card ")]
    text_h = 0.0
    for box in texts:
        inner = box.rect.w - box.insets.left - box.insets.right
        lines = sum(len(ts.lines(p.text, inner, p.size_pt, p.bold)) * p.line_pitch_pt + p.space_before_pt for p in box.paras)
        text_h = max(text_h, lines + box.insets.top + box.insets.bottom)
    assert all(text_h <= r.h <= text_h + 36 for r in cards), (text_h, [r.h for r in cards])
    # Centred where cards that fill their cells stand: as much room above as below.
    full = _cards(_pages(tmp_path, _with_summaries(4, LONG[:30]), theme="gov-red-noto")[0])
    body_top, body_bottom = min(r.y for r in full), max(r.bottom for r in full)
    top, bottom = min(r.y for r in cards), max(r.bottom for r in cards)
    assert top - body_top > 20 and abs((top - body_top) - (body_bottom - bottom)) < 0.5
