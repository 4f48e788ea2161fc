"""Digests of the decks a speed change must not alter, to compare before and after.

Run: python bench/deck_digests.py > before.txt   (on the old code)
     python bench/deck_digests.py > after.txt    (on the new code)
     diff before.txt after.txt                    (must print nothing)

Builds, in one process (the library's ``build``), the sample deck, every stress
outline under tests/stress/ and a realistic 3-copy long deck in both built-in
themes and both slide sizes, plus the sample and long-text outlines on each test
template, and prints one ``sha256  name`` line per deck. Photo and font caches are
disabled (``DECKGEN_CACHE_DIR=``) unless ``--warm`` is given, in which case every
deck is built twice with a cache folder of its own and the second (warm) build is
digested as well, so a cached result must give the same bytes as a fresh one.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

THEMES = ("postal-green", "gov-red")
SIZES = ("16:9", "4:3")
TEMPLATES = ("bureau-4x3.pptx", "unit-16x10.potx", "impress.pptx")


def cases(tmp: Path) -> list[tuple[str, Path, dict]]:
    """(name, outline, build keyword arguments) of every deck digested."""
    from bench_build import realistic_outline

    long_outline = tmp / "realistic.yaml"
    long_outline.write_text(yaml.safe_dump(realistic_outline(3), allow_unicode=True, width=10_000), encoding="utf-8")
    outlines = [ROOT / "decks" / "postal-2024.yaml", *sorted((ROOT / "tests" / "stress").glob("*.yaml")), long_outline]
    out = []
    for outline in outlines:
        for theme in THEMES:
            for size in SIZES:
                out.append((f"{outline.stem}.{theme}.{size}", outline, {"theme_ref": theme, "slide_size": size}))
    templates = ROOT / "tests" / "data" / "templates"
    for outline in (ROOT / "decks" / "postal-2024.yaml", ROOT / "tests" / "stress" / "long-text.yaml"):
        for template in TEMPLATES:
            out.append((f"{outline.stem}.on.{template}", outline, {"template": templates / template}))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="also build each deck a second time from a warm cache")
    args = parser.parse_args(argv)
    from deckgen.build import build
    from deckgen.errors import InputError

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["DECKGEN_CACHE_DIR"] = ""
        for name, outline, kwargs in cases(tmp):
            rounds = [("", "")]
            if args.warm:
                cache = tmp / "cache" / name
                rounds = [(" (cold)", str(cache)), (" (warm)", str(cache))]
            for label, cache_dir in rounds:
                os.environ["DECKGEN_CACHE_DIR"] = cache_dir
                deck = tmp / f"{name}.pptx"
                try:
                    build(outline, deck, **kwargs)
                except InputError as exc:
                    print(f"refused  {name}{label}: {str(exc).splitlines()[0][:80]}")
                    continue
                print(f"{hashlib.sha256(deck.read_bytes()).hexdigest()}  {name}{label}", flush=True)


if __name__ == "__main__":
    main()
