"""Shared fixtures: the seed file (five speeches) and the outlines derived from it."""

from __future__ import annotations

import re

import pytest

from deckgen.speech import derive_outlines

from .helpers import SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed file not found: {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_speeches(seed_text) -> list[str]:
    """The raw text of each seed speech, split independently of the library.

    The seed separates speeches with 第N篇： headers; the first speech has none.
    """
    chunks = re.split(r"^第[一二三四五六七八九十]+篇：.*$", seed_text, flags=re.M)
    return [c for c in chunks if c.strip()]


@pytest.fixture(scope="session")
def seed_outlines(seed_text):
    return derive_outlines(seed_text, SEED.name)
