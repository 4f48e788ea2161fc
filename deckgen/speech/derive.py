"""From a speech's structure to outline data: parts, slides, notes, closing.

The mapping follows what an office writer does by hand:

* the opening (after 同志们：) becomes the title slide's notes;
* each part 一、… becomes a part (agenda entry + divider); a speech without parts gets
  one part per group （一）, or a single part holding its items;
* figures become metrics tables next to the text they came from; targets (…左右)
  get their own table;
* a group with items becomes an achievements slide; in the work-arrangement part
  the groups become the focus-areas grid plus one detail slide each;
* dash points become a bullets slide; paragraphs with no marker a statement slide;
* the closing becomes the closing slide.
"""

from __future__ import annotations

import re
from typing import Any

from deckgen.speech import headline
from deckgen.speech import slides as S
from deckgen.speech.headline import announced_title, closing_lines, is_situation
from deckgen.speech import markers
from deckgen.speech.markers import cn_number
from deckgen.speech.metadata import on_behalf_of, read_metadata
from deckgen.speech.metrics import Metric, extract_metrics
from deckgen.speech.sentences import bare, clauses, sentences
from deckgen.speech.titles import distinct_titles, weigh_statements
from deckgen.speech.variety import vary_layouts
from deckgen.speech.structure import ADDRESSED_RE, LOOK_BACK_RE, Annex, Container, DashRun, ItemRun, Para, Speech, heading_alone

_FOCUS_ANNOUNCE_RE = re.compile(
    r"(?:重点)?(?:抓好|做好|抓|推进|落实)(?:以下|如下|好)?(?P<n>[一二三四五六七八九十两几]+)(?:个)?方面(?:的)?(?:重点)?(?:工作|任务)"
)
# A part that looks back: 2024年工作回顾, 过去一年工作, 主要工作成效.
_REVIEW_RE = re.compile(r"回顾|过去|去年|上年|成绩|成效|成就|取得|总结|进展|主要工作(?!安排|打算|任务|部署|思路)")
_ARRANGEMENT_RE = re.compile(r"工作安排|重点工作|工作部署|重点任务|主要任务|工作任务|工作打算")
_SUBTITLE_RE = re.compile(r"在(?P<meeting>.+?)上的(?:讲话|发言|致辞|报告|工作报告|总结讲话|动员讲话)")
UNSTRUCTURED_TITLE = "主要内容"
DEFAULT_PART_TITLE = "讲话要点"


def build_outline(speech: Speech, warnings: list[str]) -> dict:
    """Return the outline data of ``speech``; problems worth a look go to ``warnings``."""
    return _Builder(speech, warnings).build()


class _Builder:
    def __init__(self, speech: Speech, warnings: list[str]):
        self.speech = speech
        self.warnings = warnings
        self.year = _year_of(speech.title)
        self.result_year = ""  # the year the current part reviews (2023年工作回顾)
        self.outlook = True  # False in a review part: its 左右 figures are results

    def figures(self, paragraph: str) -> list[Metric]:
        """The figures of ``paragraph``, read as results or targets by the part it is in."""
        return extract_metrics(paragraph, outlook=self.outlook)

    def build(self) -> dict:
        speech = self.speech
        meta = read_metadata(speech.title, speech.particulars)
        for paragraph in speech.opening[:2]:
            meta.organisation = meta.organisation or on_behalf_of(paragraph)[0]
        data: dict = {"title": full_title(speech.title, meta, plan_year=_plan_year(speech))}
        self.year = self.year or _year_of(data["title"])
        meeting = _SUBTITLE_RE.search(speech.title)
        if meeting or meta.subtitle:
            data["subtitle"] = meeting.group("meeting") if meeting else meta.subtitle
        meta.fill_placeholders()
        data.update(organisation=meta.organisation, presenter=meta.presenter, date=meta.date)
        data["theme"] = theme_for(speech)
        opening = [p for p in [*speech.particulars, speech.salutation, *speech.opening] if p]
        if opening:
            data["notes"] = S.notes_of(opening)
        data["parts"] = self.parts()
        title, text = closing_lines(speech.closing)
        closing = {"title": title}
        if text:
            closing["text"] = text
        if speech.closing:
            closing["notes"] = S.notes_of(speech.closing)
        for annex in speech.annexes:
            self.place_annex(annex, data["parts"], closing)
        fold_situations(data["parts"])
        lead_dividers(data["parts"])
        weigh_statements(data["parts"])
        merge_lone_targets(data["parts"])
        said_once(data["parts"])
        distinct_titles(data["parts"])
        vary_layouts(data["parts"])
        data["closing"] = closing
        return data

    def place_annex(self, annex: Annex, parts: list[dict], closing: dict) -> None:
        """An annex becomes an appendix part (附件：2026年省十件民生实事, a bullet per
        numbered heading) or, for a glossary or an annex without headings, goes to
        the closing slide's notes; a warning says which."""
        name = f"{annex.label} {annex.title}".strip()
        spoken = [p for p in [annex.label, annex.title, *annex.paragraphs] if p]
        headings = [m.text for p in annex.paragraphs if (m := _numbered(p))]
        if annex.glossary or len(headings) < 2:
            closing["notes"] = closing.get("notes", "") + S.notes_of(spoken)
            self.warnings.append(f"{name}: an annex; its text is in the closing slide's notes")
            return
        title = f"附件：{annex.title}" if annex.title else annex.label
        # One slide of all its headings: the layout continues it (（续）) where needed.
        slide = S.bullets(title, headings, spoken)
        parts.append({"title": title, "slides": [slide]} if slide else {"title": title})
        self.warnings.append(f"{name}: an annex; it is the appendix part “{title}” at the end")

    # -- parts -----------------------------------------------------------------

    def parts(self) -> list[dict]:
        speech = self.speech
        if not speech.has_structure:
            return [self.unstructured_part()]
        if speech.parts:
            parts = [self.part(p) for p in speech.parts]
            # Items or groups before the first 一、 (rare) lead into the first part.
            parts[0]["slides"][:0] = self.body_slides(speech.root, parts[0]["title"])
        elif speech.root.groups():
            parts = self.group_parts()
        else:
            title = announced_title(speech.opening) or DEFAULT_PART_TITLE
            parts = [{"title": title, "slides": self.body_slides(speech.root, title)}]
        parts[0]["slides"][:0] = self.opening_metrics()
        if len(parts) == 1:
            parts[0]["slides"] = _expanded_points(parts[0].get("slides", []))
        for part in parts:
            if not part["slides"]:
                del part["slides"]
        return parts

    def part(self, part: Container) -> dict:
        self.result_year = _year_of(part.title) or self.result_year
        self.outlook = not _REVIEW_RE.search(part.title)
        data: dict[str, Any] = {"title": part.title}
        if part.heading:
            data["notes"] = S.notes_of([part.heading])
        if not part.numbered:
            data["slides"] = self.passage_slides(part)
            return data
        data["slides"] = self.body_slides(part, part.title, focus=self.is_focus(part))
        if not any(isinstance(b, (Container, ItemRun, DashRun)) for b in part.body):
            data["slides"] = self.situation_slides(part, data["slides"])
        _period_targets(data["slides"], part.title)
        return data

    def passage_slides(self, part: Container) -> list[dict]:
        """The passages after the last numbered part: one slide each.

        Several paragraphs give a bullet each (their leads); a single paragraph gives
        the clauses of what it goes on to say (坚持党的全面领导，深入推进依法行政…).
        """
        slides = []
        for passage in part.groups():
            shown = [S.WE_MUST_RE.sub("", b.text) for b in passage.body if isinstance(b, Para) and not b.spoken_only]
            notes = S.spoken(passage.body)
            slide = None
            if len(shown) == 1:
                slide = S.clause_bullets(passage.title, shown[0], notes)
                slide = slide or S.statement(passage.title, shown)
                if slide:
                    slide["notes"] = S.notes_of(notes)
            else:
                slide = S.bullets(passage.title, [_past_title(p, passage.title) for p in shown], notes)
            if slide:
                slides.append(slide)
        return slides

    def situation_slides(self, part: Container, slides: list[dict]) -> list[dict]:
        """A part of paragraphs only (the situation, the requirements) keeps its substance.

        Its paragraphs' leading sentences become a bullets slide, and the key sentence
        stays a statement after it; figures stay as tables.
        """
        shown = [b.text for b in part.body if isinstance(b, Para) and not b.spoken_only]
        prose = [p for p in shown if not self.figures(p)]
        if len(prose) < 2:
            return slides
        bullets = S.bullets(part.title, prose, prose)
        if not bullets:
            return slides
        # Figures and the problems the part names keep their own slides; the rest
        # (statements, a topic paragraph's points) the bullets slide reads.
        problems = [found for p in prose if (found := S.problems(p))]
        figures = [s for s in slides if s["kind"] == "metrics" or s in problems]
        statements = [s for s in slides if s not in figures]
        claimed = {s["notes"].strip() for s in figures if s["kind"] == "bullets"}
        bullets["notes"] = S.notes_of([p for p in prose if p not in claimed]) if len(claimed) < len(prose) else bullets["notes"]
        key = S.statement(_statement_title(part.title), prose)
        if key and any(key["text"] in line or line in key["text"] for line in bullets["bullets"]):
            key = None  # the key line is already a bullet
        if key and statements:
            # The bullets slide reads the paragraphs; the statement, the one it quotes.
            spoken_in = [sentence for p in prose for sentence in sentences(p) if key["text"] in sentence]
            key["notes"] = S.notes_of(spoken_in[:1] or prose[:1])
            return [bullets, key, *figures]
        return [bullets, *figures]

    def group_parts(self) -> list[dict]:
        """One part per （一） group, for a speech with groups but no 一、 parts."""
        root = self.speech.root
        parts = []
        leading = [b for b in root.body[: root.body.index(root.groups()[0])]]
        if leading:
            title = announced_title(self.speech.opening) or DEFAULT_PART_TITLE
            parts.append({"title": title, "slides": self.body_slides(Container("part", 0, title, "", leading), title)})
        for group in root.groups():
            self.result_year = _year_of(group.title)
            self.outlook = not _REVIEW_RE.search(group.title)
            slides = self.body_slides(Container("group", group.ordinal, group.title, "", group.body), group.title, group_like=True)
            parts.append({"title": group.title, "notes": S.notes_of([group.heading]), "slides": slides})
        return parts

    def unstructured_part(self) -> dict:
        self.warnings.append(
            "no structure found (no 一、 parts, （一） groups, 一是… items or —— points): "
            "made one part with a bullet per paragraph; check the outline"
        )
        paragraphs = [*self.speech.opening, *[b.text for b in self.speech.root.body if isinstance(b, Para)]]
        slides = S.chunked_bullets(UNSTRUCTURED_TITLE, paragraphs)
        return {"title": UNSTRUCTURED_TITLE, "slides": slides}

    def opening_metrics(self) -> list[dict]:
        """Figures stated in the opening (过去的一年…完成256亿元) open the first part."""
        slides = []
        for paragraph in self.speech.opening:
            # The opening looks back (过去的一年…): only an explicit goal is a target.
            rows = extract_metrics(paragraph, outlook=False)
            slides.extend(S.metrics_slides(rows, [paragraph], context_year=self.year))
        return slides

    def is_focus(self, part: Container) -> bool:
        """True for the part whose groups are the year's focus areas."""
        if len(part.groups()) < 2:
            return False
        return bool(self.focus_announcement(part) or _ARRANGEMENT_RE.search(part.title))

    @staticmethod
    def focus_announcement(part: Container) -> re.Match | None:
        for block in part.body:
            if isinstance(block, Para):
                match = _FOCUS_ANNOUNCE_RE.search(block.text)
                if match:
                    return match
        return None

    # -- slides of a part or group ---------------------------------------------

    def body_slides(self, container: Container, run_title: str, focus: bool = False, group_like: bool = False) -> list[dict]:
        """Slides for the blocks of ``container`` in order.

        Paragraphs between blocks are placed by where they stand: the one just before
        a dash run introduces it; ones after a run of items or points close it (they
        join its notes); the rest stand alone as statement (or metrics) slides. In a
        group, paragraphs before the items introduce them. A group's heading line
        opens the notes of its first slide.
        """
        # Slide builders answer None for a slide with nothing to show; those holes
        # keep their place while paragraphs are placed, and are dropped at the end.
        out: list[dict | None] = []
        pending: list[str] = []
        last_run_slide: dict | None = None
        headings: list[str] = []  # of a run of items that are headings alone, for the paragraphs after it
        groups = container.groups()
        groups_before = False  # whether a group came before the block
        for block in container.body:
            if isinstance(block, Para):
                pending.append(block.text)
                continue
            intro: list[str] = []
            if isinstance(block, DashRun) and pending:
                intro = [pending.pop()]
            if isinstance(block, ItemRun) and group_like and last_run_slide is None:
                intro, pending = pending, []
            last_run_slide = self.flush(pending, out, last_run_slide, run_title, topics=not group_like, after_groups=groups_before and not group_like, headings=headings)
            pending, headings = [], []
            if isinstance(block, Container):
                groups_before = True
                thin = not focus and _all_thin(groups)
                if thin and block is groups[0]:
                    out.extend(self.thin_group_slides(run_title, groups))
                elif not focus and not thin:
                    out.extend(self.group_slides(block))
                elif focus and block is groups[0]:
                    out.extend(self.focus_slides(container, groups))
                last_run_slide = None
            elif isinstance(block, ItemRun):
                slide = S.achievements(run_title, block.items, intro + [i.source for i in block.items])
                out.append(slide)
                out.extend(self.item_metrics(block, intro, f"{clauses(run_title)[0]}：主要指标" if group_like and clauses(run_title) else ""))
                last_run_slide = slide
                if all(heading_alone(item.text) for item in block.items):
                    headings = [bare(item.text).rstrip("。") for item in block.items]
            elif isinstance(block, DashRun):
                slide = S.dash_bullets(block, run_title, intro, [])
                out.append(slide)
                rows = [row for source in block.sources for row in self.figures(source)]
                lead = headline.common_lead(block.points)
                out.extend(S.metrics_slides(rows, block.sources, f"{lead}主要指标" if lead else "", self.year, self.result_year))
                last_run_slide = slide
        self.flush(pending, out, last_run_slide, run_title, topics=not group_like or len(pending) > 1, after_groups=bool(groups) and not group_like, headings=headings)
        slides = [s for s in out if s]
        if group_like and container.heading and slides:
            slides[0]["notes"] = S.notes_of([container.heading]) + slides[0]["notes"]
        return slides

    def flush(
        self,
        pending: list[str],
        out: list[dict | None],
        last_run_slide: dict | None,
        title: str,
        *,
        topics: bool = True,
        after_groups: bool = False,
        headings: list[str] | None = None,
    ) -> dict | None:
        """Place pending paragraphs; returns the slide later trailing paragraphs join.

        Salutations (各位代表！) are spoken, never shown: they go to the notes of the
        slide of the paragraphs they open. ``after_groups``: the paragraphs follow the
        part's （一）… groups, where 过去一年，… starts a passage of its own.
        ``headings``: the items of the run before, each a heading alone (四是持续优化
        提升营商环境。); when as many paragraphs follow it, up to a salutation or the
        end, each is its item's body, and a table from it is titled by its item, not
        by the year (2025年主要成绩) and its first figure.
        """
        if not pending:
            return last_run_slide
        item_of: dict[str, str] = {}
        count = len(headings or [])
        bodies = pending[:count]
        if count and all(not markers.is_spoken_only(p) for p in bodies) and (len(pending) == count or markers.is_spoken_only(pending[count])):
            item_of = dict(zip(bodies, headings or []))
        if all(markers.is_spoken_only(p) or markers.is_transition(p) for p in pending):
            previous = out[-1] if out else None
            if previous:
                previous["notes"] += S.notes_of(pending)
            return last_run_slide
        topic_count = sum(1 for p in _headings_joined(pending) if headline.topic_of(p))
        if last_run_slide is not None and not any(markers.is_spoken_only(p) for p in pending) and topic_count < 2:
            last_run_slide["notes"] += S.notes_of(pending)
            return last_run_slide
        statement_paras: list[str] = []
        topic_paras: list[str] = []
        topic_of: dict[str, str] = {}

        def close_statement() -> None:
            close_topics()
            if any(not (markers.is_spoken_only(p) or markers.is_transition(p)) for p in statement_paras):
                out.append(S.statement(_statement_title(title), statement_paras))
            elif statement_paras and out and (previous := out[-1]):
                previous["notes"] += S.notes_of(statement_paras)
            statement_paras.clear()

        def close_topics() -> None:
            # 经济结构不断优化。… 发展新动能快速成长。…: paragraphs led by their topic
            # are items of one slide (topic bold, what it says first as detail), or a
            # slide of their own titled by the topic.
            if len(topic_paras) >= 2:
                out.append(S.headed_items(title, topic_paras))
            elif topic_paras:
                out.append(S.topic_slide(topic_paras[0], topic_of[topic_paras[0]]))
            topic_paras.clear()

        for paragraph in _headings_joined(pending):
            # A group's one paragraph is titled by the group, not by its first sentence;
            # a heading line joined to its paragraph may be a little longer than a topic.
            topic = headline.topic_of(paragraph, longest=headline.HEADING_LINE_MAX if paragraph not in pending else headline.TOPIC_MAX) if topics else ""
            figures = S.metrics_slides(
                self.figures(paragraph), [paragraph], context_year=self.year, result_year=self.result_year
            )
            problems = S.problems(paragraph)
            if figures and (topic or item_of.get(paragraph)):
                close_statement()
                out.extend(_titled_by_topic(figures, topic or item_of[paragraph]))
            elif figures or problems:
                close_statement()
                out.extend(figures)
                if problems:
                    out.append(problems)
            elif topic and not statement_paras:
                topic_paras.append(paragraph)
                topic_of[paragraph] = topic
            elif after_groups and _looks_back(paragraph) and (passage := S.look_back(paragraph)):
                # 过去一年，… after the groups: a passage of its own, not the key sentence
                # of the paragraphs around it.
                close_statement()
                out.append(passage)
            else:
                close_topics()
                if statement_paras and (ADDRESSED_RE.match(paragraph) or ADDRESSED_RE.match(statement_paras[0])):
                    # 各位代表，支持国防和军队现代化建设是我们义不容辞的责任。… then 大道至简，
                    # 实干为要。…: a paragraph that turns to the hall says something of its own.
                    close_statement()
                statement_paras.append(paragraph)
        close_statement()
        return None

    def group_slides(self, group: Container) -> list[dict]:
        slides = self.body_slides(group, group.title, group_like=True)
        result: list[dict] = []
        if not slides:
            return []
        if not any(s["kind"] in ("achievements", "bullets") for s in slides):
            paragraphs = [b.text for b in group.body if isinstance(b, Para) and not b.spoken_only]
            headed = S.headed_items(group.title, paragraphs)
            if headed:
                # 推进制造业高质量发展。新增…: paragraphs led by a short heading are items;
                # as with numbered items, only figures with a comparison make a table.
                headed["notes"] = S.notes_of([group.heading, *S.spoken(group.body)])
                rows = [r for p in paragraphs for r in self.figures(p) if r.change]
                title = f"{clauses(group.title)[0]}：主要指标" if clauses(group.title) else ""
                return [headed, *S.metrics_slides(rows, paragraphs, title, context_year=self.year, result_year=self.result_year)]
            bullets = S.chunked_bullets(group.title, paragraphs) if len(paragraphs) > 1 else []
            if bullets:
                bullets[0]["notes"] = S.notes_of([group.heading]) + bullets[0]["notes"]
                return bullets + _group_tables(group.title, [s for s in slides if s["kind"] == "metrics"])
        paragraphs = [b.text for b in group.body if isinstance(b, Para) and not b.spoken_only]
        if len(slides) == 1 and slides[0]["kind"] == "statement" and len(paragraphs) == 1:
            # （二）扎实推进依法行政。法治政府建设是…: a run-in group of one paragraph shows
            # what it goes on to say as points under the group's title.
            points = S.point_detail(group.title, paragraphs[0], spoken_as=paragraphs[0])
            if points:
                points["notes"] = slides[0]["notes"]
                return [points]
        for slide in slides:
            if slide["kind"] == "statement":
                # A group's own title says more than the first clause of it.
                slide = {"kind": "statement", "title": group.title, **{k: v for k, v in slide.items() if k not in ("kind", "title")}}
            result.append(slide)
        if result and result[0]["kind"] == "metrics" and (items := S.run_in_items(group.title, paragraphs, result[0]["notes"])):
            # （一）强化创新驱动发展…。提升科技创新质效。完善…: each run-in heading an item,
            # what it says in words its detail; the figures follow in the table.
            result.insert(0, items)
        elif result and result[0]["kind"] == "metrics" and (points := S.worded_points(group.title, paragraphs, result[0]["notes"])):
            # A group told in figures says more than its figures (重点产业进一步提升能级):
            # its worded sentences are points under its title, the figures follow.
            result.insert(0, points)
        if result and not any(s.get("title") == group.title for s in result) and result[0]["kind"] in ("metrics", "bullets", "achievements"):
            # A group told in figures, or by a topic paragraph: its first slide carries
            # the group's heading (the topic stays in the notes).
            result[0] = {**result[0], "title": group.title}
        return result[:1] + _group_tables(group.title, result[1:]) if result and result[0]["kind"] == "metrics" else _group_tables(group.title, result)

    def thin_group_slides(self, title: str, groups: list[Container]) -> list[dict]:
        """Groups that are each a heading and a paragraph make one slide, not one each.

        A year-end summary's （一）交通基础设施建设提速增效。全年完成… reads as an item:
        the heading bold, the first sentence as detail. Figures with a comparison
        across the groups make one table after it.
        """
        items = []
        paragraphs: list[str] = []
        for group in groups:
            body = [b.text for b in group.body if isinstance(b, Para) and not b.spoken_only]
            paragraphs.extend(body)
            item = {"headline": group.title}
            detail = headline.detail_of("".join(body)) if body else ""
            if detail:
                item["detail"] = detail
            items.append(item)
        spoken_as = S.spoken(groups)
        slides = [{"kind": "achievements", "title": title, "items": items, "notes": S.notes_of(spoken_as)}]
        rows = [r for p in paragraphs for r in self.figures(p) if r.change or r.target]
        slides.extend(S.metrics_slides(rows, paragraphs, f"{clauses(title)[0]}：主要指标" if clauses(title) else "", context_year=self.year, result_year=self.result_year))
        return slides

    def item_metrics(self, run: ItemRun, intro: list[str], title: str = "") -> list[dict]:
        """Metrics from a run of items: only figures with a comparison (同比增长…).

        Items are full of counts (立案X起, 口罩X万只) that make poor tables; the
        figures that compare with a base are the ones a deck shows.
        """
        rows: list[Metric] = []
        sources: list[str] = []
        for paragraph in [*intro, *[i.source for i in run.items]]:
            found = [r for r in self.figures(paragraph) if r.change or r.target]
            if found:
                rows.extend(found)
                sources.append(paragraph)
        return S.metrics_slides(rows, sources, title, context_year=self.year, result_year=self.result_year)

    def focus_slides(self, part: Container, groups: list[Container]) -> list[dict]:
        match = self.focus_announcement(part)
        year = re.search(r"(\d{4})年", part.title)
        year_text = f"{year.group(1)}年" if year else (f"{self.year}年" if self.year else "")
        if match:
            announced = match.group("n")
            title = f"{year_text}{announced}个方面重点工作"
            count = cn_number(announced)
            if count and count != len(groups):
                self.warnings.append(
                    f"part “{part.title}” announces {announced}个方面 but has {len(groups)} groups; check the focus areas"
                )
        else:
            title = f"{year_text}重点工作"
        if _all_thin(groups):
            # Each area a heading and one paragraph: a detail slide each would carry one
            # line. The paragraph's lead is the card's summary; no detail slides.
            grid = S.focus_grid(title, groups, summaries=[_thin_summary(g) for g in groups])
            if grid:
                grid["notes"] = S.notes_of(S.spoken(groups))
            return [grid] if grid else []
        slides = [S.focus_grid(title, groups)]
        slides.extend(S.focus_detail(group, number) for number, group in enumerate(groups, start=1))
        return [s for s in slides if s]


_GENERIC_TABLE_RE = re.compile(r"^(?:\d{4}年)?主要(?:指标|成绩)$")


_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、])\s*(?P<text>.+)$")


class _Numbered:
    def __init__(self, text: str):
        self.text = text


def _looks_back(paragraph: str) -> bool:
    """过去一年，…: a paragraph that looks back on the year again, in a first sentence
    too long to title its own slide (one short, 过去一年，中国特色大国外交取得新成就。,
    is the heading of what follows)."""
    said = sentences(paragraph)
    return bool(LOOK_BACK_RE.match(paragraph)) and bool(said) and len(bare(said[0])) > LOOK_BACK_HEADING_MAX


LOOK_BACK_HEADING_MAX = 30


def _numbered(paragraph: str) -> _Numbered | None:
    """一、提高低保…。 / 1.…: a numbered heading of an annex, without its number."""
    match = _NUMBERED_RE.match(paragraph)
    return _Numbered(match.group("text").rstrip("。")) if match else None


_PART_PERIOD_RE = re.compile(r"“(十[一二三四五六七八九]五)”")
_TARGETS_TITLE_RE = re.compile(r"^\d{4}年主要预期目标$")


def _period_targets(slides: list[dict], part_title: str) -> None:
    """In a part about a plan period (“十五五”时期的主要目标任务), targets whose
    sentence names no year are the period's: “十五五”时期主要目标, not 2026年…."""
    period = _PART_PERIOD_RE.search(part_title)
    if not period:
        return
    for slide in slides:
        if slide["kind"] == "metrics" and _TARGETS_TITLE_RE.match(slide.get("title", "")):
            year = slide["title"][:5]
            if year not in slide.get("notes", "") and not re.search(r"今年|明年", slide.get("notes", "")):
                slide["title"] = f"“{period.group(1)}”时期主要目标"


def _headings_joined(paragraphs: list[str]) -> list[str]:
    """A heading set as a paragraph of its own (这是经济实力持续提升的五年。) joined to
    the paragraph it heads, so the pair reads as one topic paragraph."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and _standalone_heading(out[-1]) and not _standalone_heading(paragraph) and not markers.is_spoken_only(paragraph):
            out[-1] = out[-1] + paragraph
        else:
            out.append(paragraph)
    return out


def _standalone_heading(paragraph: str) -> bool:
    """A paragraph that is one short sentence naming a topic (这是…的五年。)."""
    parts = sentences(paragraph)
    return len(parts) == 1 and bool(headline.topic_of(paragraph + _FILLER, longest=headline.HEADING_LINE_MAX))


# What topic_of needs after a sentence to read it as a topic (it asks for a paragraph).
_FILLER = "这" * 20 + "。"


def _titled_by_topic(slides: list[dict], topic: str) -> list[dict]:
    """A topic paragraph's tables carry its topic (内需拉动明显增强), not 2025年主要指标."""
    out = []
    for slide in slides:
        if _GENERIC_TABLE_RE.match(slide.get("title", "")):
            slide = {**slide, "title": topic}
        out.append(slide)
    return out
TABLE_ROWS_MAX = 8


def _group_tables(group_title: str, slides: list[dict]) -> list[dict]:
    """A group's tables named after the group, and its small tables of results merged.

    Paragraph by paragraph a group may give several two-row tables of the same kind;
    one table (up to :data:`TABLE_ROWS_MAX` rows) titled 加强宏观调控：主要指标 reads
    better than three called 2024年主要指标 like the part's own.
    """
    lead = clauses(group_title)[0] if clauses(group_title) else group_title
    out: list[dict] = []
    for slide in slides:
        if slide["kind"] != "metrics" or "headers" in slide or not _GENERIC_TABLE_RE.match(slide.get("title", "")):
            out.append(slide)
            continue
        slide = {**slide, "title": f"{lead}：主要指标"}
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous["kind"] == "metrics"
            and previous["title"] == slide["title"]
            and len(previous["metrics"]) + len(slide["metrics"]) <= TABLE_ROWS_MAX
        ):
            out[-1] = {**previous, "metrics": previous["metrics"] + slide["metrics"], "notes": previous["notes"] + slide["notes"]}
        else:
            out.append(slide)
    return out


def _all_thin(groups: list[Container]) -> bool:
    """True when every group is a heading and at most one paragraph (no items, points).

    A paragraph that sets headings of its own (提升科技创新质效。完善…。加快人工智能创新
    发展。…) is not thin: its group shows them as items."""
    return len(groups) >= 2 and all(
        all(isinstance(b, Para) for b in g.body)
        and sum(1 for b in g.body if isinstance(b, Para) and not b.spoken_only) <= 1
        and not any(len(S.run_in_sections(b.text)) >= 2 for b in g.body if isinstance(b, Para))
        for g in groups
    )


# A lead that is the title plus at most this much (做好今年工作，必须…) says nothing new.
TITLE_ECHO_EXTRA = 10


def _past_title(paragraph: str, title: str) -> str:
    """``paragraph`` without its lead when the lead only says the title again.

    做好今年工作，必须切实加强政府自身建设。我们要坚持… under the title 切实加强政府
    自身建设: the bullet is what it goes on to say.
    """
    parts = sentences(paragraph)
    if len(parts) > 1 and title and title in parts[0] and len(bare(parts[0])) - len(title) <= TITLE_ECHO_EXTRA:
        return S.WE_MUST_RE.sub("", "".join(parts[1:]))
    return paragraph


def _thin_summary(group: Container) -> str:
    """What a thin group's one paragraph says first (实施重点项目320个，…), or ''."""
    body = [b.text for b in group.body if isinstance(b, Para) and not b.spoken_only]
    return headline.detail_of("".join(body)) if body else ""


def _year_of(text: str) -> str:
    """The first year (2024) named in ``text``, or ''."""
    match = re.search(r"(\d{4})年", text)
    return match.group(1) if match else ""


def fold_situations(parts: list[dict]) -> None:
    """A statement that only says on what grounds or since when (根据《……的建议》，市政府
    制定了……) is no line a speaker puts up alone (issue 16 item 5): its paragraphs go to
    the notes of the slide after it in the same part, in place."""
    for part in parts:
        slides = part.get("slides", [])
        for index in range(len(slides) - 2, -1, -1):
            slide = slides[index]
            if slide.get("kind") == "statement" and is_situation(slide.get("text", "")):
                following = slides[index + 1]
                following["notes"] = slide.get("notes", "") + following.get("notes", "")
                del slides[index]


# A key sentence short enough to stand under a part's title on its divider.
LEAD_MAX = 48
LEAD_SENTENCES = 2  # the lead is in the part's first sentences: it is what the part opens with


def said_once(parts: list[dict]) -> None:
    """Every slide's (and part's) notes read each paragraph once, in place: a paragraph
    wholly said by another line of the same notes is dropped. A run-in group's heading
    line （一）强化创新驱动发展…。提升科技创新质效。完善… holds its body 提升科技创新
    质效。完善…, and both went to the notes: the Zhejiang report's notes read the
    paragraphs of 19 of its 44 slides twice."""
    for holder in [*parts, *(slide for part in parts for slide in part.get("slides", []))]:
        notes = holder.get("notes")
        if notes:
            holder["notes"] = _once(notes)


def _once(notes: str) -> str:
    lines = [line for line in notes.split("\n") if line.strip()]
    kept = [line for k, line in enumerate(lines) if not any(line.strip() in other and (line.strip() != other.strip() or j < k) for j, other in enumerate(lines) if j != k)]
    return "\n".join(kept) + "\n"


def lead_dividers(parts: list[dict]) -> None:
    """A part that opens with its key sentence (江山就是人民，人民就是江山。…) carries it on
    its divider, under its title, instead of a statement slide of its own right after
    the divider (issue 16, the party congress report: fifteen parts of divider, statement,
    list). The statement's paragraphs join the part's notes, which the divider shows.

    Only with more than one part (a one-part talk has no divider), only when the
    statement is the part's first slide and its sentence is short and among the first
    sentences the part says, and not the year's overall requirement (总体要求), which
    keeps its slide under that name; other statements keep their slide."""
    if len(parts) < 2:
        return
    for part in parts:
        slides = part.get("slides", [])
        if not slides or slides[0].get("kind") != "statement" or "lead" in part:
            continue
        statement = slides[0]
        text = statement.get("text", "")
        said = [line for line in statement.get("notes", "").split("\n") if line and not markers.is_spoken_only(line)]
        opening = "".join(sentences(said[0])[:LEAD_SENTENCES]) if said else ""
        if not text or len(text) > LEAD_MAX or text not in opening:
            continue
        if headline.requirement_title([p for p in said if text in p]):
            continue  # 做好今年工作的总体要求: a statement a speaker puts up under its name
        part["lead"] = text
        part["notes"] = part.get("notes", "") + statement.get("notes", "")
        del slides[0]
        if not slides:
            del part["slides"]


def _statement_title(part_title: str) -> str:
    """A statement's title: the first clause of the part (or group) it stands in.

    A statement slide without a title is a sentence with no context on the screen;
    the part it belongs to says what it is about (成绩来之不易 under 2024年工作回顾).
    """
    pieces = clauses(part_title)
    return bare(pieces[0]) if pieces else ""


_POSTAL_RE = re.compile(r"邮政|快递|寄递|邮件|快件|邮快")


def theme_for(speech: Speech) -> str:
    """postal-green for a postal or express speech, else gov-red (``--theme`` still wins)."""
    text = speech.title + "".join(speech.opening[:3])
    if _POSTAL_RE.search(text):
        return "postal-green"
    body = "".join(S.spoken(speech.root.body)) + "".join(p.heading for p in speech.parts)
    return "postal-green" if len(_POSTAL_RE.findall(body)) >= 5 else "gov-red"


def full_title(title: str, meta, *, plan_year: str = "") -> str:
    """The title as a deck shows it: a bare 政府工作报告 gets its year and its place.

    The year is the date's, else the year whose work the report plans (三、2019年
    政府工作任务); the place is the reporting government's (广东省人民政府 -> 广东省).
    """
    title = _RECORD_NOTE_RE.sub("", title).strip()
    if title == "政府工作报告":
        place = (meta.organisation or "").removesuffix("人民政府") if (meta.organisation or "").endswith("人民政府") else ""
        title = f"{place}{title}"
    if title.endswith("政府工作报告") and not re.search(r"\d{4}年", title):
        year = re.match(r"(\d{4})年", meta.date or "")
        if year or plan_year:
            return f"{year.group(1) if year else plan_year}年{title}"
    return title


# What a transcript's title says about the transcript, not the speech: （文字实录）.
_RECORD_NOTE_RE = re.compile(r"[（(](?:文字实录|实录|全文|摘要|节选|整理稿|根据录音整理)[）)]")


def _plan_year(speech: Speech) -> str:
    """The latest year a part's title names (2019年政府工作任务 -> 2019), or ''."""
    years = [int(y) for part in speech.parts for y in re.findall(r"(\d{4})年", part.title)]
    return str(max(years)) if years else ""


def _expanded_points(slides: list[dict]) -> list[dict]:
    """A one-part speech's few points get a slide each, after the overview.

    A short speech (一是…四是…) would otherwise be one achievements slide between a
    title and a closing; each point's own sentences become its detail slide. Points
    are parallel: when one of them has too little to say for a slide of its own, none
    gets one (the overview shows them all alike).
    """
    out: list[dict] = []
    for slide in slides:
        out.append(slide)
        if slide["kind"] != "achievements" or not 2 <= len(slide["items"]) <= 6 or len(slides) > 3:
            continue
        paragraphs = [line for line in slide.get("notes", "").split("\n") if markers.item_marker(line)]
        if len(paragraphs) != len(slide["items"]):
            continue
        details = []
        for item, paragraph in zip(slide["items"], paragraphs):
            marker = markers.item_marker(paragraph)
            details.append(S.point_detail(item["headline"], marker.text, spoken_as=paragraph) if marker else None)
        if all(details):
            out.extend(d for d in details if d)  # parallel points, parallel slides: each or none
    return out


# A target said on its own joins the part's other targets (issue 16, fifth round). The
# Zhejiang report names its 2030 targets (居民人均可支配收入9万元左右, 常住人口城镇化率
# 78%左右) where it states the plan's goals, and one more (海洋生产总值占GDP比重14%左右)
# in the middle of a task group: a slide of one lone KPI card. A target whose slide
# would hold it alone joins the nearest earlier table of targets in the same part; its
# notes stay where they were said, with the slide before it.
LONE_TARGET_HOST_MAX = 6  # KPI cards a slide shows as cards before they become a table
_TARGETS = "目标"  # in the title of a table of targets (2030年主要预期目标, “十五五”时期主要目标)


def merge_lone_targets(parts: list[dict]) -> None:
    """Move, in place, every one-figure table of targets into the nearest earlier
    table of targets of its part that has room for one more card; the lone slide's
    notes join the slide before it."""
    for part in parts:
        slides = part.get("slides", [])
        index = 1
        while index < len(slides):
            slide = slides[index]
            host = _host(slides[:index]) if _lone_target(slide) else None
            if host is None:
                index += 1
                continue
            host["metrics"].append(slide["metrics"][0])
            previous = slides[index - 1]
            previous["notes"] = previous.get("notes", "") + slide.get("notes", "")
            del slides[index]


def _lone_target(slide: dict) -> bool:
    return _table_of_targets(slide) and len(slide["metrics"]) == 1


def _table_of_targets(slide: dict) -> bool:
    return (
        slide.get("kind") == "metrics"
        and _TARGETS in slide.get("title", "")
        and not slide.get("columns")
        and slide.get("style") in (None, "auto", "cards")
    )


def _host(before: list[dict]) -> dict | None:
    for slide in reversed(before):
        if _table_of_targets(slide):
            return slide if len(slide["metrics"]) < LONE_TARGET_HOST_MAX else None
    return None
