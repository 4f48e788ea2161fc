"""The package's zip is written in one pass (deckgen.render.zipped): the same bytes
``zipfile`` writes for the same members, names and time, which every reader opens;
an archive past the classic zip's limits is left to ``zipfile`` and its ZIP64 records."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.render import zipped
from deckgen.render.deflated import deflate
from deckgen.render.zipped import zip_bytes

WHEN = (2024, 12, 7, 15, 37, 31)  # an odd second: zip times keep two-second steps


def _zipfile(members) -> bytes:
    """What zipfile writes for ``members`` (each deflated by zipfile itself)."""
    return zipped._by_zipfile(members, WHEN, 0o644)


names = st.one_of(
    st.sampled_from(["[Content_Types].xml", "_rels/.rels", "ppt/slides/slide1.xml", "ppt/media/图片1.png", "docProps/app.xml"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
)
blobs = st.one_of(st.binary(max_size=2000), st.text(max_size=3000).map(lambda t: t.encode("utf-8")))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(names, blobs), min_size=0, max_size=8, unique_by=lambda m: m[0]))
def test_the_zip_is_the_one_zipfile_writes(members):
    made = zip_bytes(members, WHEN, deflate)
    assert made == _zipfile(members)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None  # every member's CRC checks
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == members


def test_a_deck_part_deflated_before_is_stored_as_given():
    """The deflated bytes come from the caller (kept from an earlier build)."""
    members = [("ppt/slides/slide1.xml", b"<p:sld>" + "段落".encode() * 500 + b"</p:sld>")]
    given_bytes = []

    def kept(blob: bytes) -> bytes:
        given_bytes.append(blob)
        return deflate(blob)

    assert zip_bytes(members, WHEN, kept) == _zipfile(members)
    assert given_bytes == [members[0][1]]


def test_past_the_classic_limits_zipfile_writes_it(monkeypatch):
    members = [(f"part{n}.xml", b"<a/>" * n) for n in range(5)]
    one_pass = zip_bytes(members, WHEN, deflate)
    called = []
    by_zipfile = zipped._by_zipfile
    monkeypatch.setattr(zipped, "_MAX_MEMBERS", 3)
    monkeypatch.setattr(zipped, "_by_zipfile", lambda *args: called.append(args) or by_zipfile(*args))
    assert zip_bytes(members, WHEN, deflate) == one_pass  # zipfile's bytes: the same archive
    assert len(called) == 1
