"""Benchmark the build on realistic text, as whole processes, against a floor.

Run: python3 dev.py bench   (or python bench/bench_build.py [--runs N] [--copies N])

Two decks are built:

* the sample deck (``decks/postal-2024.yaml``, 31 slides);
* a realistic long deck (~900 slides): the sample deck's parts repeated, with every
  text rotated by a different amount so that no two strings are alike. Measurement
  caches cannot answer for repeated strings, as they could in the old benchmark
  (which reported 1.2–1.7 ms per slide on text that repeated on every slide).

Each build is a whole process (``python -m deckgen build``), timed side by side in
the same run with a *floor* process that does the unavoidable part of the job:
start Python, load the same YAML, and write the same parts (taken from the built
deck) into a deflated zip. The figure that matters is build time / floor time.
Goals (issue 20): first build at most 3x the floor on the sample and 2.5x on
~1,000 slides; rebuild at most 2.5x on the sample and 2x on ~1,000 slides. Reports, does not enforce: timing
tests are flaky, this script is not.

Builds are timed twice: the *first build*, with the cache switched off
(``DECKGEN_CACHE_DIR=``: a new machine, CI, a new template, or a cache folder that is
not writable: photos prepared, fonts looked up and measured, charts made), and the
*rebuild*, with a cache folder of the benchmark's own (never the user's) left from
the previous run (every later build of a deck: the case of someone editing the text
and rebuilding; here the outline is unchanged, so every paragraph's line breaks come
from the cache too). See deckgen/cache.py for what is kept. Speed
changes must keep the decks' bytes: bench/deck_digests.py compares them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "postal-2024.yaml"

# Keys whose values are not running text: rotating them would break the outline.
STRUCTURAL_KEYS = frozenset({"kind", "theme", "number", "value", "values", "date", "organisation", "size", "type", "style", "icon"})

FLOOR_SCRIPT = """
import sys, zipfile, yaml
outline, reference, out = sys.argv[1:4]
with open(outline, encoding="utf-8") as handle:
    yaml.load(handle.read(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
with zipfile.ZipFile(reference) as source:
    parts = [(info.filename, source.read(info)) for info in source.infolist()]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
    for name, data in parts:
        target.writestr(name, data)
"""


def rotated(text: str, shift: int) -> str:
    """Return *text* rotated left by *shift* characters (a different string, same letters)."""
    if len(text) < 2:
        return text
    shift %= len(text)
    return text[shift:] + text[:shift]


class Perturber:
    """Rotate every text of an outline by a new amount each time, so none repeats."""

    def __init__(self) -> None:
        self.counter = 0

    def __call__(self, node: object, key: str | None = None) -> object:
        if isinstance(node, dict):
            # Photo files stay as they are, made absolute: the outline is written elsewhere.
            return {k: (str(SAMPLE.parent / v) if k == "file" else v if k in STRUCTURAL_KEYS else self(v, k)) for k, v in node.items()}
        if isinstance(node, list):
            if key == "photos":  # a photo may be written as its file alone
                return [self({"file": item} if isinstance(item, str) else item, key) for item in node]
            return [self(item, key) for item in node]
        if isinstance(node, str):
            self.counter += 1
            return rotated(node, self.counter * 7 + 3)
        return node


def realistic_outline(copies: int) -> dict:
    """The sample deck's parts repeated *copies* times, every string rotated differently."""
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    perturb = Perturber()
    parts = [perturb(part) for _ in range(copies) for part in sample["parts"]]
    outline = {key: value for key, value in sample.items() if key != "parts"}
    outline["parts"] = parts
    return outline


def _env(cache: Path | None) -> dict[str, str]:
    # Bytecode caching allowed, as on a user's machine where the package has its .pyc files.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["DECKGEN_CACHE_DIR"] = str(cache) if cache else ""
    return env


def _timed(command: list[str], cache: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process; no ``cache``: the cache is off."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=_env(cache), stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


Timing = tuple[float, float]


def side_by_side(outline: Path, deck: Path, runs: int) -> tuple[Timing, Timing, Timing, float, float]:
    """Best (wall, CPU) of the first build (cache off), the rebuild (warm cache) and
    the floor over *runs* interleaved runs, after a warm-up.

    CPU time is reported too: on a shared machine it varies far less than wall time.
    """
    cache = deck.with_suffix(".cache")
    build = [sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(deck), "-q"]
    floor = [sys.executable, "-c", FLOOR_SCRIPT, str(outline), str(deck), str(deck.with_suffix(".floor.zip"))]
    shutil.rmtree(cache, ignore_errors=True)
    _timed(build, cache)  # warm-up: bytecode, page cache, the cache folder; also makes the reference deck
    _timed(floor)
    colds, warms, floors = [], [], []
    for _ in range(runs):
        colds.append(_timed(build))
        warms.append(_timed(build, cache))
        floors.append(_timed(floor))
    return _best(colds), _best(warms), _best(floors), _median_ratio(colds, floors), _median_ratio(warms, floors)


def _median_ratio(builds: list[tuple[float, float]], floors: list[tuple[float, float]]) -> float:
    """The median over the runs of build wall time / the floor's, each pair timed one
    after the other: steadier than the best on a shared machine, whose speed drifts."""
    import statistics

    return statistics.median(build / floor for (build, _), (floor, _) in zip(builds, floors))


def _best(times: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest wall time and the shortest CPU time among *times*."""
    return min(wall for wall, _ in times), min(cpu for _, cpu in times)


def slide_count(deck: Path) -> int:
    import zipfile

    with zipfile.ZipFile(deck) as package:
        return sum(1 for name in package.namelist() if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per process (best is kept)")
    parser.add_argument("--copies", type=int, default=32, help="copies of the sample's parts in the long deck")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        long_outline = tmp / "realistic.yaml"
        long_outline.write_text(yaml.safe_dump(realistic_outline(args.copies), allow_unicode=True, width=10_000), encoding="utf-8")
        rows = []
        for label, outline in (("sample deck", SAMPLE), ("realistic long deck", long_outline)):
            deck = tmp / (outline.stem + ".pptx")
            cold, warm, floor, cold_median, warm_median = side_by_side(outline, deck, args.runs)
            rows.append((f"{label}, first build", slide_count(deck), cold, floor, cold_median))
            rows.append((f"{label}, rebuild", slide_count(deck), warm, floor, warm_median))
        print(f"{'deck':<34}{'slides':>7}{'build s':>9}{'floor s':>9}{'ratio':>7}{'median':>8}  {'build cpu':>9}{'floor cpu':>10}{'ratio':>7}")
        for label, slides, (build_s, build_cpu), (floor_s, floor_cpu), median in rows:
            print(
                f"{label:<34}{slides:>7}{build_s:>9.2f}{floor_s:>9.2f}{build_s / floor_s:>6.1f}x{median:>7.1f}x"
                f"  {build_cpu:>9.2f}{floor_cpu:>10.2f}{build_cpu / floor_cpu:>6.1f}x"
            )
        print(
            "(median: of each run's build / floor wall time, run one after the other; "
            f"wall and CPU seconds, best of {args.runs} interleaved whole-process runs each; first build: "
            "DECKGEN_CACHE_DIR= (cache off), rebuild: cache from the previous build; goals: first build 3x / 2.5x, "
            "rebuild 2.5x / 2x the floor on the sample / the long deck)"
        )


if __name__ == "__main__":
    main()
