"""The review finds each kind of defect a reader notices, on the right slide and line.

Each test writes a small outline with a known defect, lays it out as ``build`` does
(``deckgen check``'s library call) and asserts the finding: kind, slide number in the
built deck (cover = 1) and the outline line it points to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout.plan import plan_deck
from deckgen.lint import check_outline
from deckgen.outline.loader import load_outline
from deckgen.review.run import review_plan
from deckgen.review.word_split import split_words
from deckgen.review.view import DeckView
from deckgen.theme.resolve import resolve_theme


def _check(tmp_path: Path, text: str, **options):
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    return path, check_outline(path, **options)


def _of(issues, kind):
    return [(i.slide, i.line) for i in issues if i.kind == kind]


def _line(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


# Two parts (so the deck has an agenda and dividers): cover 1, agenda 2, divider 3, …
HEAD = "title: 在全市邮政工作会议上的讲话\norganisation: 市邮政管理局\ndate: 2024年1月\n"


def _bullets(title: str, bullets: list[str], indent: str = "      ") -> str:
    lines = [f"{indent}- kind: bullets", f"{indent}  title: {title}", f"{indent}  bullets:"]
    lines += [f"{indent}    - {b}" for b in bullets]
    return "\n".join(lines) + "\n"


FULL = [
    "坚持以人民为中心的发展思想，持续提升寄递服务质量和水平",
    "深入推进快递进村工程，打通农村寄递物流最后一公里",
    "加强行业安全监管，守牢寄递渠道安全底线",
    "推动行业绿色低碳转型，减少过度包装和一次性塑料使用",
]


def test_the_same_title_on_two_slides_is_found_on_the_second(tmp_path):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets("主要成绩", FULL) + _bullets("重点任务", FULL[::-1])
    text += "  - title: 今年的工作\n    slides:\n" + _bullets("主要成绩", FULL[1:] + FULL[:1])
    path, issues = _check(tmp_path, text)
    # cover 1, agenda 2, divider 3, slides 4-5, divider 6, slide 7
    second = [n for n, line in enumerate(text.splitlines(), 1) if "title: 主要成绩" in line][1]
    assert _of(issues, "duplicate-title") == [(7, second)]
    message = next(i.message for i in issues if i.kind == "duplicate-title")
    assert "“主要成绩” is also the title of slide 4" in message


def test_an_untitled_statement_repeats_its_parts_title(tmp_path):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets("主要成绩", FULL)
    text += "  - title: 今年的工作安排\n    slides:\n      - kind: statement\n        text: 征途漫漫，惟有奋斗。\n" + _bullets("重点任务", FULL)
    path, issues = _check(tmp_path, text)
    assert _of(issues, "duplicate-title") == [(6, _line(path, "kind: statement"))]  # divider 5 shows the same title


def test_continued_titles_are_no_duplicates(tmp_path):
    many = [f"第{n}项：" + FULL[n % 4] for n in range(1, 25)]
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets("主要成绩", many) + _bullets("重点任务", FULL)
    _, issues = _check(tmp_path, text)
    assert any(i.kind == "continued" for i in issues)
    assert _of(issues, "duplicate-title") == []


def test_a_one_bullet_slide_is_thin(tmp_path):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets("主要成绩", FULL) + _bullets("荣誉", ["被评为全国文明单位"])
    path, issues = _check(tmp_path, text)
    # one part: no agenda, no divider; cover 1, slides 2-3
    assert _of(issues, "thin") == [(3, _line(path, "title: 荣誉") - 1)]
    assert "fills" in next(i.message for i in issues if i.kind == "thin")


def test_a_continued_slide_holding_one_or_two_items_is_thin(tmp_path):
    many = [f"第{n}项：" + FULL[n % 4] for n in range(1, 13)]
    outline, plan = _plan(tmp_path, HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", many))
    pages = [s for s in plan.slides if s.source_path == "parts[0].slides[0]"]
    assert len(pages) == 2 and pages[1].continued  # today's pagination balances them: 6 and 6
    assert [i for i in review_plan(outline, plan) if i.kind == "thin"] == []
    # as a paginator that fills the first page would leave it: the （续） slide keeps two
    items = [e for e in pages[1].elements if getattr(e, "name", "").startswith("Item ")]
    for item in items[2:]:
        pages[1].elements.remove(item)
    found = [i for i in review_plan(outline, plan) if i.kind == "thin"]
    assert [(i.slide, i.line) for i in found] == [(3, _line(tmp_path / "talk.yaml", "kind: bullets"))]
    assert "（续） slide holds only 2 items" in found[0].message


def test_a_continued_slide_whose_two_items_hold_a_third_of_the_page_is_not_thin(tmp_path):
    """Two long items on a （续） slide fill it as well as three short ones: the rule is
    a third of the page, the items' own height (the air between them not counted)."""
    long_items = [f"第{n}项：" + "，".join(FULL) for n in range(1, 6)]
    outline, plan = _plan(tmp_path, HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", long_items))
    pages = [s for s in plan.slides if s.source_path == "parts[0].slides[0]"]
    assert len(pages) == 2 and pages[1].continued
    items = [e for e in pages[1].elements if getattr(e, "name", "").startswith("Item ")]
    assert len(items) == 2, [len([e for e in p.elements if getattr(e, "name", "").startswith("Item ")]) for p in pages]
    assert [i for i in review_plan(outline, plan) if i.kind == "thin"] == []


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("bullet", "也增强自身实力", "starts with “也”"),
        ("bullet", "并推动行业高质量发展", "starts with “并”"),
        ("bullet", "面对复杂严峻的外部环境，", "ends at “，”"),
        ("title", "全面提升寄递服务的", "ends in “的”"),
        ("title", "推进邮政和", "ends in “和”"),
        ("indicator", "调查失业率在", "ends in “在”"),
        ("bullet", "在我国的经济和社会发展中", "only a setting, “在……中”"),
        ("indicator", "常住人口城镇化率首次", "ends in “首次”"),
        ("indicator", "比去年预算高", "starts with “比”"),
        # from the party congress report and the 2019 national report (issue 16)
        ("bullet", "愿同国际社会一道", "ends in “一道”, before the verb it lost"),
        ("title", "过去一年", "only says when"),
        ("title", "新的一年", "only says when"),
    ],
)
def test_fragments_are_found_at_their_line(tmp_path, field, value, reason):
    bullets = FULL[:3] + ([value] if field == "bullet" else [])
    title = value if field == "title" else "主要成绩"
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets(title, bullets)
    text += "      - kind: metrics\n        title: 主要指标\n        metrics:\n"
    text += f"          - indicator: {value if field == 'indicator' else '快递业务量'}\n            value: '3200'\n            unit: 万件\n"
    text += "          - indicator: 邮政业务收入\n            value: '12.5'\n            unit: 亿元\n"
    path, issues = _check(tmp_path, text)
    found = [i for i in issues if i.kind == "fragment"]
    assert [(i.slide, i.line) for i in found] == [(2 if field != "indicator" else 3, _line(path, value))]
    assert reason in found[0].message


@pytest.mark.parametrize(
    "value",
    [
        "找准问题所在", "在新征程上有所作为", "深化改革，扩大开放", "坚持稳中求进工作总基调",
        "积极稳妥推进碳达峰碳中和", "比较优势明显", "首次突破万亿元", "国有企业改革要取得新的突破",
        "过去一年，中国特色大国外交取得新成就", "坚持不懈努力",
    ],
)
def test_complete_phrases_are_no_fragments(tmp_path, value):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _bullets(value, FULL[:3] + [value])
    _, issues = _check(tmp_path, text)
    assert _of(issues, "fragment") == []


def _list_slides(n: int, kind: str = "bullets") -> str:
    out = ""
    for k in range(n):
        out += _bullets(f"第{k + 1}项重点工作", FULL[k % 4 :] + FULL[: k % 4]).replace("kind: bullets", f"kind: {kind}")
    return out


def test_six_look_alike_slides_are_one_run_found_at_its_first_slide(tmp_path):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n"
    text += "      - kind: statement\n        title: 总体要求\n        text: 坚持稳中求进工作总基调，推动邮政快递业高质量发展。\n"
    text += _list_slides(6)
    path, issues = _check(tmp_path, text)
    runs = [i for i in issues if i.kind == "repeated-layout"]
    assert [(i.slide, i.line) for i in runs] == [(3, _line(path, "title: 第1项重点工作") - 1)]
    assert "slides 3–8" in runs[0].message and "6 bullets slides in a row" in runs[0].message


def test_three_look_alike_slides_are_fine_and_a_divider_ends_a_run(tmp_path):
    text = HEAD + "parts:\n  - title: 一年来的工作\n    slides:\n" + _list_slides(3)
    text += "  - title: 今年的工作\n    slides:\n" + _list_slides(3)
    _, issues = _check(tmp_path, text)
    assert _of(issues, "repeated-layout") == []


def _plan(tmp_path: Path, text: str):
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    outline = load_outline(path)
    return outline, plan_deck(outline.deck, resolve_theme(outline, None, None))


def _break_item(plan, slide: int, name: str, at: str) -> None:
    """Rewrite the lines of a text box as a line breaker might have set them: ``at``
    is its text with ``/`` where the lines break."""
    box = next(e for e in plan.slides[slide - 1].elements if getattr(e, "name", "") == name)
    para = box.paras[0]
    assert para.text.replace("\n", "") == at.replace("/", "")
    para.runs[0].text = at.replace("/", "\n")
    del para.runs[1:]


def test_a_line_break_inside_a_word_is_found_and_one_between_words_is_not(tmp_path):
    text = HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", ["集中清理整顿快递末端网点，严厉打击侵害消费者权益行为"] + FULL[:3])
    outline, plan = _plan(tmp_path, text)
    assert [i for i in review_plan(outline, plan) if i.kind == "word-split"] == []
    _break_item(plan, 2, "Item 1", "集中清理整顿快递末端网点，严厉打击侵害消费/者权益行为")
    found = [i for i in review_plan(outline, plan) if i.kind == "word-split"]
    assert [(i.slide, i.line) for i in found] == [(2, _line(tmp_path / "talk.yaml", "集中清理整顿"))]
    assert "“消费者” (…侵害消费/者权益行…)" in found[0].message
    _break_item(plan, 2, "Item 1", "集中清理整顿快递末端网点，严厉打击侵害/消费者权益行为")
    assert [i for i in review_plan(outline, plan) if i.kind == "word-split"] == []


def test_a_word_split_at_the_end_of_the_text_is_found(tmp_path):
    text = HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", ["推动全方位对外开放"] + FULL[:3])
    outline, plan = _plan(tmp_path, text)
    _break_item(plan, 2, "Item 1", "推动全方位对/外开放")  # as a narrow card set it
    found = [i for i in review_plan(outline, plan) if i.kind == "word-split"]
    assert len(found) == 1 and "“对外开放” (…全方位对/外开放…)" in found[0].message


def test_a_word_longer_than_its_line_may_break(tmp_path):
    text = HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", ["中华人民共和国"] + FULL[:3])
    outline, plan = _plan(tmp_path, text)
    _break_item(plan, 2, "Item 1", "中华人民共/和国")
    view = DeckView(outline, plan)
    item = next(t for t in view.slides[1].texts if t.name == "Item 1")
    assert split_words(item) == []  # the word fills the first line: nothing else could
    _break_item(plan, 2, "Item 1", "中华人民/共和国")  # a joint of two whole words
    assert [i for i in review_plan(outline, plan) if i.kind == "word-split"] == []


def test_a_stub_last_line_under_a_long_line_is_found(tmp_path):
    text = HEAD + "parts:\n  - title: 一\n    slides:\n" + _bullets("主要成绩", ["压紧压实全面从严治党责任链条"] + FULL[:3])
    outline, plan = _plan(tmp_path, text)
    assert [i for i in review_plan(outline, plan) if i.kind == "stub-line"] == []
    _break_item(plan, 2, "Item 1", "压紧压实全面从严治党责任/链条")
    found = [i for i in review_plan(outline, plan) if i.kind == "stub-line"]
    assert [(i.slide, i.line) for i in found] == [(2, _line(tmp_path / "talk.yaml", "压紧压实"))]
    assert "only “链条”" in found[0].message
    _break_item(plan, 2, "Item 1", "压紧压实全面/从严治党责任链条")
    assert [i for i in review_plan(outline, plan) if i.kind == "stub-line"] == []
