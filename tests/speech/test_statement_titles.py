"""A statement slide's title names what its sentence is about (issue 16, item 3).

Sentences from the corpus reports; ``statement_titles`` gives the titles to try, best
first, and nothing where the sentence does not name its subject.
"""

from __future__ import annotations

import pytest

from deckgen.speech.titles import statement_titles


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("马克思主义是我们立党立国、兴党兴国的根本指导思想", "马克思主义：根本指导思想"),
        # 成就 is a word: the subject ends before 是, not before 就是.
        ("新时代的伟大成就是党和人民一道拼出来、干出来、奋斗出来的", "新时代的伟大成就"),
        ("中国共产党的中心任务就是团结带领全国各族人民全面建成社会主义现代化强国、实现第二个百年奋斗目标", "中国共产党的中心任务：实现第二个百年奋斗目标"),
        ("高质量发展是全面建设社会主义现代化国家的首要任务", "高质量发展：首要任务"),
        ("2025年是中国式现代化进程中具有重要意义的一年，也是广东改革发展历程中很不平凡的一年", "2025年：具有重要意义的一年"),
        # Subject and what is said of it are the whole sentence: the subject alone.
        ("十九大以来的五年，是极不寻常、极不平凡的五年", "十九大以来的五年"),
        # A topic sentence: its noun without the setting and the predicate.
        ("过去一年，坚如磐石的军政军民团结巩固发展", "军政军民团结"),
        # Led by 我们, which names nothing: the goal it ends on.
        ("我们比历史上任何时期都更接近、更有信心和能力实现中华民族伟大复兴的目标", "中华民族伟大复兴的目标"),
    ],
)
def test_a_statement_is_titled_by_its_subject(text, first):
    assert statement_titles(text)[0] == first


@pytest.mark.parametrize(
    "text",
    [
        "我们要坚持走中国特色社会主义道路",  # 我们 names nothing, nor does a goal
        "积极促进乡镇企业、特别是中西部地区乡镇企业的发展",  # 是 inside 特别是
        "江山就是人民，人民就是江山",  # two characters are no title
        "着力稳就业、稳企业、稳市场、稳预期",
    ],
)
def test_no_title_from_a_sentence_that_does_not_name_its_subject(text):
    assert statement_titles(text) == []
