"""A long first build uses a second process (deckgen.forked) and makes the same deck.

The second process lays out the deck from its end and sends back line breaks and
word readings, and reviews the plan while this process renders it. What it sends is
what this process would work out itself, so the deck's bytes and the review's
findings must not change; what must change is how much of the work this process
does itself (counted, never timed).
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from deckgen import forked
from deckgen.build import build
from deckgen.layout import plan as plan_module
from deckgen.typeset.typesetter import Typesetter

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

SAMPLE = Path(__file__).resolve().parent.parent / "decks" / "postal-2024.yaml"
STRUCTURAL = frozenset({"kind", "theme", "number", "value", "values", "date", "organisation", "size", "type", "style", "icon", "file"})


def _rotated(node: object, counter: list[int], key: str | None = None) -> object:
    """``node`` with every text rotated by a new amount: no two texts alike, so no
    answer of one slide serves another."""
    if isinstance(node, dict):
        return {k: v if k in STRUCTURAL else _rotated(v, counter, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_rotated(item, counter, key) for item in node]
    if isinstance(node, str) and len(node) > 1:
        counter[0] += 1
        shift = (counter[0] * 7 + 3) % len(node)
        return node[shift:] + node[:shift]
    return node


@pytest.fixture(scope="module")
def long_outline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's parts four times over, every text different (~110 content slides)."""
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    counter = [0]
    photos_dir = SAMPLE.parent
    parts = []
    for _ in range(4):
        for part in sample["parts"]:
            parts.append(_rotated(part, counter))
    outline = {key: value for key, value in sample.items() if key != "parts"} | {"parts": parts}
    text = yaml.safe_dump(outline, allow_unicode=True, width=10_000)
    folder = tmp_path_factory.mktemp("long")
    shutil.copytree(photos_dir / "images", folder / "images")  # the photos the sample shows
    path = folder / "long.yaml"
    path.write_text(text, encoding="utf-8")
    assert sum(len(p.get("slides", [])) for p in parts) >= plan_module.HELPED_FROM
    return path


@pytest.fixture
def counted_breaks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many paragraphs this process breaks into lines itself."""
    count = [0]
    original = Typesetter._break

    def counting(self, *args):
        count[0] += 1
        return original(self, *args)

    monkeypatch.setattr(Typesetter, "_break", counting)
    return count


def _build(outline: Path, out: Path, jobs: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")  # a first build: nothing from earlier builds
    monkeypatch.setenv(forked.JOBS_VARIABLE, jobs)
    return build(outline, out)


def test_a_long_first_build_with_a_second_process_makes_the_same_deck_and_findings(long_outline, tmp_path, monkeypatch):
    alone = _build(long_outline, tmp_path / "alone.pptx", "1", monkeypatch)
    helped = _build(long_outline, tmp_path / "helped.pptx", "2", monkeypatch)
    assert (tmp_path / "helped.pptx").read_bytes() == (tmp_path / "alone.pptx").read_bytes()
    assert helped.review == alone.review
    assert helped.findings == alone.findings
    assert alone.review, "the sample's deliberate faults are found: the comparison compares something"


def test_what_the_helper_sends_spares_this_process_the_layout_work(long_outline, monkeypatch, counted_breaks):
    """Left to run while this process stays at the first slide, the helper lays out every
    other slide from the end and sends each one finished (line breaks written), the
    same as this process makes it alone, with the answers it worked out: taken in, they
    leave this process few paragraphs to break itself (how much it takes in a real build
    depends on the machine, so it is counted here, where it does not)."""
    from deckgen.layout.base import base_plan
    from deckgen.layout.frame import Frame
    from deckgen.layout.labels import part_label
    from deckgen.outline.loader import load_outline
    from deckgen.theme.resolve import resolve_theme
    from deckgen.typeset import words

    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    monkeypatch.setenv(forked.JOBS_VARIABLE, "1")
    outline = load_outline(long_outline)
    theme = resolve_theme(outline, None, None)
    counted_breaks[0] = 0
    plan_module.plan_deck(outline.deck, theme, Typesetter(theme))
    alone = counted_breaks[0]

    monkeypatch.setenv(forked.JOBS_VARIABLE, "2")
    ts = Typesetter(theme)
    base = base_plan(theme)
    frames = {role: Frame.for_layout(base, role) for role in base.layouts}
    work = [(slide, part_label(part)) for part in outline.deck.parts for slide in part.slides]
    helper = plan_module._helper_from_the_end(ts, frames, work)
    assert helper is not None
    sent = {}
    with helper:
        helper.tell(0)
        for position, laid, lines, readings in helper.wait(timeout=120):
            sent[position] = laid
            ts.learn(lines)
            words.learn(readings)
        assert helper.succeeded()
    assert list(sent) == list(range(len(work) - 1, 0, -1))  # from the end, up to where this process is
    monkeypatch.setenv(forked.JOBS_VARIABLE, "1")
    mine = Typesetter(theme)
    for position in (len(work) - 1, len(work) // 2, 1):
        slide, part_title = work[position]
        assert sent[position] == plan_module._laid_out(mine, frames, slide, part_title)
    counted_breaks[0] = 0
    plan_module.plan_deck(outline.deck, theme, ts)
    assert counted_breaks[0] < 0.2 * alone, (counted_breaks[0], alone)


def _laid_out_here(long_outline, count: int):
    """A typesetter, frames and work list for ``long_outline``, with the first ``count``
    slides laid out in this process."""
    from deckgen.layout.base import base_plan
    from deckgen.layout.frame import Frame
    from deckgen.layout.labels import part_label
    from deckgen.outline.loader import load_outline
    from deckgen.theme.resolve import resolve_theme

    outline = load_outline(long_outline)
    theme = resolve_theme(outline, None, None)
    base = base_plan(theme)
    frames = {role: Frame.for_layout(base, role) for role in base.layouts}
    work = [(slide, part_label(part)) for part in outline.deck.parts for slide in part.slides]
    ts = Typesetter(theme)
    for slide, part_title in work[:count]:
        plan_module._laid_out(ts, frames, slide, part_title)
    return theme, frames, work, ts


def test_the_helper_takes_what_this_process_shares_before_each_slide(long_outline, monkeypatch, counted_breaks):
    """The answers this process shares (:func:`plan._learn_from`) reach the helper's
    typesetter before its next slide: a slide whose every paragraph this process has
    broken into lines is laid out there without breaking one again, and the same."""
    from deckgen.typeset import words

    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    theme, frames, work, parent = _laid_out_here(long_outline, 3)

    class Recording:  # the helper, as this process sees it
        def __init__(self):
            self.shared: list[object] = []

        def tell(self, position):
            pass

        def share(self, message):
            self.shared.append(message)
            return True

        def received(self):
            return iter(())

    helper = Recording()
    plan_module._learn_from(helper, parent, 3, {})
    assert len(helper.shared) == 1 and helper.shared[0][0], "the lines of the slides laid out here are shared"
    assert plan_module._learn_from(helper, parent, 3, {}) is None and len(helper.shared) == 1  # nothing new: nothing shared

    def lay_out_slide_2(messages):
        child = Typesetter(theme)  # the helper's typesetter: none of this process's answers
        sent = []
        counted_breaks[0] = 0
        plan_module._from_the_end(child, frames, work[:3], sent.append, lambda: 1, lambda: messages.pop() if messages else [])
        return sent, counted_breaks[0]

    words.read_since()
    sent, breaks = lay_out_slide_2([helper.shared])
    assert [position for position, *_ in sent] == [2]
    assert breaks == 0
    assert sent[0][1] == plan_module._laid_out(Typesetter(theme), frames, *work[2])
    _, alone = lay_out_slide_2([])
    assert alone > 0  # shared nothing: it breaks the slide's paragraphs itself


def test_a_failing_second_process_changes_nothing_but_the_time(long_outline, tmp_path, monkeypatch, counted_breaks):
    alone = _build(long_outline, tmp_path / "alone.pptx", "1", monkeypatch)
    breaks_alone = counted_breaks[0]
    counted_breaks[0] = 0

    class Failing(forked.Helper):
        def __init__(self, work) -> None:
            def broken(send, progress, shared) -> None:
                raise RuntimeError("the helper dies")

            super().__init__(broken)

    monkeypatch.setattr(forked, "Helper", Failing)
    helped = _build(long_outline, tmp_path / "helped.pptx", "2", monkeypatch)
    assert (tmp_path / "helped.pptx").read_bytes() == (tmp_path / "alone.pptx").read_bytes()
    assert helped.review == alone.review
    assert counted_breaks[0] == breaks_alone  # all the work was done here


def test_helper_messages_arrive_in_order_and_the_child_is_reaped():
    def work(send, progress, shared) -> None:
        for n in range(50):
            send({"n": n, "payload": "字" * 5000})

    with forked.Helper(work) as helper:
        got = [message["n"] for message in helper.wait()]
        assert helper.succeeded()
    assert got == list(range(50))
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)  # reaped: no zombie left behind


def test_helper_child_sees_how_far_the_parent_came():
    def work(send, progress, shared) -> None:
        while progress() < 7:
            pass
        send(progress())

    with forked.Helper(work) as helper:
        helper.tell(7)
        assert list(helper.wait()) == [7]


def test_the_child_gets_what_the_parent_shares_in_order_until_the_space_is_full(monkeypatch):
    def work(send, progress, shared) -> None:
        got: list[object] = []
        while progress() < 1:
            got += shared()
        got += shared()
        send(got)

    monkeypatch.setattr(forked, "SHARED_BYTES", 64 * 1024)
    with forked.Helper(work) as helper:
        assert helper.share({"lines": ["十四五"]})
        assert helper.share(("字" * 1000, 2))
        assert not helper.share("字" * 30_000)  # over the space left: not shared, and nothing half written
        assert helper.share(3)
        helper.tell(1)
        assert list(helper.wait()) == [[{"lines": ["十四五"]}, ("字" * 1000, 2), 3]]
        assert helper.succeeded()


def test_a_helper_that_fails_or_is_closed_early_reports_failure():
    def failing(send, progress, shared) -> None:
        send("half")
        raise ValueError("boom")

    with forked.Helper(failing) as helper:
        assert not helper.succeeded()

    def endless(send, progress, shared) -> None:
        while True:
            pass

    helper = forked.Helper(endless)
    helper.close()  # kills it: does not hang
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)


def test_no_second_process_when_told_so_or_while_threads_run(monkeypatch):
    monkeypatch.setenv(forked.JOBS_VARIABLE, "1")
    assert not forked.available()
    monkeypatch.delenv(forked.JOBS_VARIABLE)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.available()  # the studio and watch run threads: no fork there
    finally:
        stop.set()
        thread.join()


def test_a_stuck_helper_is_ended_after_the_wait_it_was_given():
    def stuck(send, progress, shared) -> None:
        send("first")
        while True:
            pass

    with forked.Helper(stuck) as helper:
        got = list(helper.wait(timeout=0.5))
        assert got == ["first"]
        assert not helper.succeeded()  # ended, not run to its end


def test_a_rebuild_from_a_warm_cache_lays_out_without_a_second_process(long_outline, tmp_path, monkeypatch):
    """The cache answers a rebuild's questions: forking would only cost."""
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(forked.JOBS_VARIABLE, "2")
    made: list[str] = []
    original = forked.Helper.__init__

    def counting(self, work) -> None:
        made.append(getattr(work, "func", work).__name__)  # a partial: the function it calls
        original(self, work)

    monkeypatch.setattr(forked.Helper, "__init__", counting)
    build(long_outline, tmp_path / "first.pptx")
    assert "_from_the_end" in made and "judge" in made  # a first build is helped
    made.clear()
    build(long_outline, tmp_path / "again.pptx")
    assert made == []  # layout and review come from the cache
    assert (tmp_path / "again.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()


def test_a_new_deck_is_helped_though_the_cache_is_warm_from_another(long_outline, tmp_path, monkeypatch):
    """The cache holds as many answers as the deck has slides, but they are another
    deck's (its titles were never broken into lines): the new deck is laid out by
    two processes, as a first build is."""
    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(forked.JOBS_VARIABLE, "2")
    build(long_outline, tmp_path / "first.pptx")
    other = yaml.safe_load(long_outline.read_text(encoding="utf-8"))
    other["parts"] = [_rotated(part, [1000 + n]) for n, part in enumerate(other["parts"])]
    shutil.copytree(long_outline.parent / "images", tmp_path / "images")
    (tmp_path / "other.yaml").write_text(yaml.safe_dump(other, allow_unicode=True, width=10_000), encoding="utf-8")
    made: list[str] = []
    original = forked.Helper.__init__

    def counting(self, work) -> None:
        made.append(getattr(work, "func", work).__name__)
        original(self, work)

    monkeypatch.setattr(forked.Helper, "__init__", counting)
    build(tmp_path / "other.yaml", tmp_path / "other.pptx")
    assert "_from_the_end" in made


def test_no_process_to_spare_means_the_build_works_alone(long_outline, tmp_path, monkeypatch):
    """fork fails (EAGAIN: a limit on processes reached): the deck is made in this
    process, the same, and no descriptor is left open."""
    alone = _build(long_outline, tmp_path / "alone.pptx", "1", monkeypatch)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    helped = _build(long_outline, tmp_path / "helped.pptx", "2", monkeypatch)
    assert (tmp_path / "helped.pptx").read_bytes() == (tmp_path / "alone.pptx").read_bytes()
    assert helped.review == alone.review
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) <= before


def test_a_long_rebuild_leaves_the_review_key_to_the_second_process(long_outline, tmp_path, monkeypatch):
    """Keying the stored findings pickles the whole plan (~0.15 s of 1,000 slides): on
    a long deck the review's child makes the key and reads the entry while this process
    renders, so this process never pickles the plan, and the findings are the same."""
    from deckgen.review import run, stored

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(forked.JOBS_VARIABLE, "2")
    monkeypatch.setattr(run, "KEYED_BESIDE_FROM", plan_module.HELPED_FROM)  # the fixture's deck counts as long
    first = build(long_outline, tmp_path / "first.pptx")
    keyed: list[int] = []
    original = stored.review_key

    def counting(*args, **kwargs):
        keyed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(run, "review_key", counting)
    again = build(long_outline, tmp_path / "again.pptx")
    assert keyed == []  # only the child pickled the plan
    assert again.review == first.review and again.findings == first.findings
    assert (tmp_path / "again.pptx").read_bytes() == (tmp_path / "first.pptx").read_bytes()
    monkeypatch.setattr(run, "KEYED_BESIDE_FROM", 10**6)  # a short deck: this process keys it, as before
    build(long_outline, tmp_path / "short.pptx")
    assert keyed == [1]


def test_a_short_deck_is_keyed_once_when_its_findings_are_not_stored(tmp_path, monkeypatch):
    """A short deck's review key (the whole plan pickled) is made before rendering, to
    look its findings up; when none are stored, the review judging the deck keeps
    them under that key, and does not make it again."""
    from deckgen.review import run, stored

    monkeypatch.setenv("DECKGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(forked.JOBS_VARIABLE, "1")  # judged in this process, where calls are counted
    keyed: list[int] = []
    original = stored.review_key

    def counting(*args, **kwargs):
        keyed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(run, "review_key", counting)
    first = build(SAMPLE, tmp_path / "first.pptx")
    assert keyed == [1]
    again = build(SAMPLE, tmp_path / "again.pptx")  # the findings kept under that key are found
    assert keyed == [1, 1] and again.review == first.review


def test_a_slide_that_makes_the_typesetter_warn_is_laid_out_in_this_process(long_outline, tmp_path, monkeypatch):
    """A slide whose layout makes the typesetter warn (a font found damaged on a glyph
    of that slide) is sent without its pages: this process lays it out and the build
    gives the warning, as it does without a second process."""
    from deckgen.outline.loader import load_outline

    last = [slide for part in load_outline(long_outline).deck.parts for slide in part.slides][-1]
    message = "font file test.otf is damaged (a glyph of the last slide)"
    original = plan_module.content_slides

    def warning(ts, frames, slide, findings, *, part_title=""):
        if slide.path == last.path and message not in ts.measurer.warnings:
            ts.measurer.warnings.append(message)
        return original(ts, frames, slide, findings, part_title=part_title)

    monkeypatch.setattr(plan_module, "content_slides", warning)
    helped = _build(long_outline, tmp_path / "helped.pptx", "2", monkeypatch)
    assert message in helped.warnings
