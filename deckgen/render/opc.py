"""Every use of python-pptx's private API, in one place, behind a contract test.

deckgen writes slide, layout and notes parts itself (python-pptx's ``add_slide`` is
quadratic in the number of slides) and replaces the default master, so it needs a
few things python-pptx does not publish: the relationship collections, part blobs,
the package's content-types writer. They are wrapped here and nowhere else;
``tests/render/test_opc_contract.py`` checks each against the installed version, and
``pyproject.toml`` pins the version range they were tested with.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, _Relationship
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem

__all__ = ["Part", "PackURI", "CONTENT_TYPES_URI", "PACKAGE_URI"]

PRESENTATION_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
#: Main-part types of files a deck can be built on: .potx, .potm, .pptm (with macros).
OTHER_MAIN_CTS = (
    TEMPLATE_CT,
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)


def open_presentation(blob: bytes | None = None):
    """Open a presentation from bytes (a .potx is opened as the .pptx it becomes),
    or python-pptx's default when ``blob`` is None."""
    if blob is None:
        return Presentation()
    return Presentation(io.BytesIO(as_presentation(blob)))


def as_presentation(blob: bytes) -> bytes:
    """Rewrite a template's (or macro-enabled file's) main content type to a plain
    presentation's: python-pptx refuses ``template.main+xml``, and a deck saved as
    .pptx must not claim macros. Other bytes are returned unchanged."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(blob))
    types = source.read("[Content_Types].xml")
    if not any(ct.encode() in types for ct in OTHER_MAIN_CTS):
        return blob
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for ct in OTHER_MAIN_CTS:
                    data = data.replace(ct.encode(), PRESENTATION_CT.encode())
            target.writestr(info, data)
    return out.getvalue()


def add_rel(source_part, rid: str, reltype: str, target_part) -> None:
    """Add a relationship under a chosen rId, without python-pptx's linear search."""
    rels = source_part.rels
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target_part)


def rel_ids(part) -> set[str]:
    """The rIds a part (or the package) already uses."""
    return set(part.rels._rels) if hasattr(part, "rels") else set(part._rels._rels)


def drop_rels(part, reltype: str) -> list:
    """Remove a part's relationships of ``reltype``; return their targets."""
    rels = part.rels
    dropped = []
    for rid, rel in list(rels.items()):
        if rel.reltype == reltype:
            dropped.append(rel.target_part)
            rels.pop(rid)
    return dropped


def package_rels(package):
    """The package-level relationships (``/_rels/.rels``)."""
    return package._rels


def element(part):
    """The lxml root of an XML part python-pptx has parsed."""
    return part._element


def set_blob(part, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as a blob (theme, app.xml)."""
    part._blob = blob


def content_types_xml(parts) -> bytes:
    """``[Content_Types].xml`` for ``parts``, as python-pptx writes it."""
    return serialize_part_xml(_ContentTypesItem.xml_for(parts))


def part_rels(part):
    """A part's relationship collection, or None when it has none."""
    return part.rels if part._rels else None
