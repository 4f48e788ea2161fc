"""Benchmark the studio's live preview: an edit on a 40-slide deck, saved and redrawn.

Run: python3 dev.py bench   (or python bench/bench_studio.py [--runs N])

The deck is the sample deck (``decks/postal-2024.yaml``) with slides added until it
has 40. Each run edits one slide's title the way the page does (the data tree saved
as YAML), then lays the deck out and draws it exactly as the studio's answer to that
edit does (:meth:`deckgen.studio.service.Studio.preview`), in this process. Reported:
the first preview (the fonts looked up and measured, every slide drawn) and later
edits (the layout redone, only changed slides drawn again). The page adds its
debounce (150 ms after the last keystroke) and the browser's redraw of the changed
slides. Reports, does not enforce.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deckgen.studio.service import Studio  # noqa: E402
from deckgen.studio.workspace import Workspace  # noqa: E402

TARGET = 40


def forty_slide_outline() -> str:
    data = yaml.safe_load((ROOT / "decks" / "postal-2024.yaml").read_text(encoding="utf-8"))
    for slide in data["parts"][0]["slides"]:  # no photos: the workspace holds no images
        slide.pop("image", None)
    data["parts"][0]["slides"] = [s for s in data["parts"][0]["slides"] if s.get("kind") != "picture"]
    extra = [s for s in data["parts"][2]["slides"] if s.get("kind") == "focus-area"]
    n = 0
    while True:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        with tempfile.TemporaryDirectory() as tmp:
            studio = Studio(Workspace(tmp))
            project = studio.workspace.new_project(text, name="bench", source="bench")
            count = len(studio.preview(project, image_url=lambda *a: "").slides)
        if count >= TARGET:
            return text
        slide = copy.deepcopy(extra[n % len(extra)])
        slide["title"] = f"{slide['title']}（{n + 1}）"
        data["parts"][2]["slides"].append(slide)
        n += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    text = forty_slide_outline()
    with tempfile.TemporaryDirectory() as tmp:
        studio = Studio(Workspace(tmp))
        project = studio.workspace.new_project(text, name="bench", source="bench")
        started = time.perf_counter()
        first = studio.preview(project, image_url=lambda *a: "")
        cold = time.perf_counter() - started
        assert not first.errors, first.errors
        data = yaml.safe_load(text)
        timings = []
        for run in range(args.runs):
            data["parts"][1]["slides"][0]["title"] = f"第{run}次修改的标题"
            started = time.perf_counter()
            studio.save_data(project, data)
            preview = studio.preview(project, image_url=lambda *a: "")
            timings.append(time.perf_counter() - started)
        redrawn = sum(1 for a, b in zip(first.slides, preview.slides) if a.key != b.key)
        print(
            f"studio preview, {len(preview.slides)} slides: first {cold * 1000:.0f} ms; "
            f"an edit saved and redrawn: median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms over {args.runs} edits ({redrawn} slides drawn again per edit)"
        )


if __name__ == "__main__":
    main()
