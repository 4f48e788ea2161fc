"""The icon set and the word chooser: pictures follow the words, siblings differ,
and a text without a plain cue gets no picture rather than a wrong or generic one."""

import pytest

from deckgen.kinds.icon_choice import candidates, choose_icon, choose_icons, sibling_icons
from deckgen.kinds.icons import GRID, ICONS, parse_path


@pytest.mark.parametrize(
    ("title", "icon"),
    [
        ("全面加强党的建设", "flag"),
        ("坚持党建引领", "flag"),
        ("守牢安全生产底线", "shield"),
        ("推动绿色低碳发展", "leaf"),
        ("深化法治邮政建设", "scales"),
        ("提升普遍服务水平", "hands"),
        ("深化改革创新", "bulb"),
        ("强化行业监管", "magnifier"),
        ("建设高素质干部队伍", "people"),
        ("畅通寄递物流网络", "truck"),
        # The designer's review found these pictured wrongly (shield, chart, leaf).
        ("稳定就业", "briefcase"),
        ("稳定外贸外资", "ship"),
        ("以人为本，继续保持企业和谐稳定的良好局面", "people"),
        ("保障和改善民生", "people"),
        ("坚持抓班子、正风气、强管理", "people"),
        ("驰而不息正风肃纪", "gavel"),
        ("加强统筹协调", "handshake"),
        ("全力应对新冠肺炎疫情", "cross"),
    ],
)
def test_titles_get_the_icon_their_words_name(title, icon):
    assert choose_icon(title) == icon


def test_the_stronger_cue_wins_and_between_equals_the_earlier():
    assert choose_icon("稳定就业") == "briefcase"  # 就业 names it, 稳定 only suggests a shield
    assert choose_icon("统筹安全与发展") == "shield"
    assert choose_icon("统筹绿色与安全") == "leaf"


def test_a_term_inside_a_longer_term_does_not_speak_for_it():
    assert choose_icon("做强现代服务业") is None  # 服务业 is not 服务 (care)
    assert choose_icon("切实维护行业经营秩序") != "chart"
    assert choose_icon("行业发展环境持续优化") is None  # 发展环境 is no leaf


def test_text_without_a_cue_gets_no_icon_rather_than_a_generic_mark():
    assert choose_icon("其他事项") is None
    assert choose_icon("") is None
    assert candidates("2024年工作回顾") == ()


def test_siblings_are_chosen_together_and_never_repeat():
    # Two items about 快递 and two about 邮政 on one slide (sample slides 7 and 8).
    slide8 = ["“快递进村”工作深入推进", "开展快递末端清理整顿专项行动", "切实维护行业经营秩序", "周密部署旺季服务保障工作", "积极推进行业绿色发展"]
    slide7 = ["扎实推进普遍服务监督管理", "创新推动“邮快合作”进程", "积极推动邮政服务乡村振兴", "推动邮政综合服务平台建设", "认真开展机要通信监督检查"]
    for texts in (slide8, slide7):
        icons = choose_icons(texts)
        assert all(icons), icons
        assert len(set(icons)) == len(icons), icons
    # Jointly: 建设支部 takes the building so that 两个维护 keeps the flag.
    slide5 = ["深化思想认识，做到“两个维护”", "强化理论武装，夯实政治根基", "加强支部建设，建强战斗堡垒", "开展廉政教育，坚守纪律底线"]
    assert choose_icons(slide5) == ["flag", "book", "building", "gavel"]


def test_a_slide_where_one_entry_has_no_picture_shows_numbers_not_a_mix():
    assert choose_icons(["推进制造业高质量发展", "培育数字经济新优势", "做强现代服务业"]) == [None, None, None]
    # Two entries whose only picture is the same: not both.
    assert choose_icons(["深化改革", "推进科技创新"]) == [None, None]


def test_named_icons_are_kept_and_avoided_by_the_chosen_ones():
    assert sibling_icons(["党建引领", "安全生产", "绿色发展"], ["truck", "none", None]) == ["truck", None, "leaf"]
    assert sibling_icons(["快递进村", "绿色发展"], ["truck", None]) == ["truck", "leaf"]
    assert sibling_icons(["党建引领"], [None], slide_icon="none") == [None]


@pytest.mark.parametrize("name", sorted(ICONS))
def test_every_icon_parses_and_stays_inside_its_grid(name):
    points = [pt for path in ICONS[name].paths for seg in parse_path(path.commands) for pt in seg.points]
    assert points, name
    assert all(0.5 <= x <= GRID - 0.5 and 0.5 <= y <= GRID - 0.5 for x, y in points), name


def test_a_typo_in_a_path_is_an_error_not_a_silent_shape():
    with pytest.raises(ValueError):
        parse_path("M 1 2 L 3")
    with pytest.raises(ValueError):
        parse_path("M 1 2 Q 3 4")


def test_a_dozen_parts_borrowing_the_same_cues_get_icons_in_bounded_work(monkeypatch):
    """Twelve parts whose titles name nothing, each borrowing the same fourteen cues
    from its slides, in a different order: the exhaustive search once took 50 million
    steps (24 s of a build) to prove its choice. Counted, not timed."""
    from deckgen.kinds import icon_choice

    terms, icons_seen = [], set()
    for term, icon, _weight in icon_choice._cue_table():
        if icon and icon not in icons_seen and len(term) >= 2:
            terms.append(term)
            icons_seen.add(icon)
        if len(terms) == 14:
            break
    contents = ["，".join(terms[i:] + terms[:i]) for i in range(12)]
    steps = [0]
    score = icon_choice.Candidate.score

    def counted(self):
        steps[0] += 1
        return score.fget(self)

    monkeypatch.setattr(icon_choice.Candidate, "score", property(counted))
    chosen = icon_choice.part_icons([f"第{n}部分" for n in range(12)], [None] * 12, contents)
    assert all(chosen) and len(set(chosen)) == 12  # every divider its own picture
    assert steps[0] < 200_000, steps[0]
