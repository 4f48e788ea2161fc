"""Generators of hostile files: templates, documents and PDFs made by code, not kept
as binary blobs. Each maker writes one file at the path it is given."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUREAU = ROOT / "tests" / "data" / "templates" / "bureau-4x3.pptx"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


def png(width: int, height: int) -> bytes:
    """A grey PNG of the given size; its compressed data is tiny even when huge."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(b"\x00" * ((width + 1) * min(height, 64)))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", raw)
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")


def members(source: Path = BUREAU) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def add_rel(rels: bytes, rid: str, reltype: str, target: str, *, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    entry = f'<Relationship Id="{rid}" Type="{reltype}" Target="{target}"{mode}/>'
    return rels.replace(b"</Relationships>", entry.encode() + b"</Relationships>")


def add_override(types: bytes, partname: str, content_type: str) -> bytes:
    return types.replace(b"</Types>", f'<Override PartName="{partname}" ContentType="{content_type}"/></Types>'.encode())


def add_shape(part: bytes, shape_xml: str) -> bytes:
    """``shape_xml`` appended to the part's shape tree."""
    return part.replace(b"</p:spTree>", shape_xml.encode() + b"</p:spTree>", 1)


def template(edit: Callable[[dict[str, bytes]], None]) -> Callable[[Path], None]:
    """A maker: the bureau template with ``edit`` applied to its members."""

    def make(path: Path) -> None:
        parts = members()
        edit(parts)
        path.write_bytes(zipped(parts))

    return make


# --- damaged packages ------------------------------------------------------------


def bad_crc(path: Path) -> None:
    """The bureau template with one byte of the presentation part's compressed data changed."""
    blob = bytearray(zipped(members()))
    with zipfile.ZipFile(io.BytesIO(bytes(blob))) as archive:
        info = archive.getinfo("ppt/presentation.xml")
    name_len, extra_len = struct.unpack("<HH", blob[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    blob[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(blob))


def _presentation(edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts["ppt/presentation.xml"] = edit(parts["ppt/presentation.xml"])

    return template(change)


no_cx = _presentation(lambda xml: re.sub(rb'(<p:sldSz[^>]*?) cx="\d+"', rb"\1", xml))
zero_size = _presentation(lambda xml: re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', b'<p:sldSz cx="0" cy="0"', xml))
no_content_types = template(lambda parts: parts.pop("[Content_Types].xml"))


def oversize_file(path: Path) -> None:
    """A 51 MB file (sparse: nothing is written but a zip's first bytes)."""
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(51 * 1024 * 1024)


def _huge_member(parts: dict[str, bytes]) -> None:
    parts["ppt/media/image1.png"] = png(64, 64) + b"\x00" * (25 * 1024 * 1024)


huge_member = template(_huge_member)


def lying_member(path: Path) -> None:
    """A part whose zip headers say 1 KB but which unpacks to 25 MB."""
    name = b"ppt/media/image7.png"
    blob = bytearray(zipped({**members(), name.decode(): png(8, 8) + b"\x00" * (25 * 1024 * 1024)}))
    with zipfile.ZipFile(io.BytesIO(bytes(blob))) as archive:
        info = archive.getinfo(name.decode())
    struct.pack_into("<I", blob, info.header_offset + 22, 1024)  # local header: unpacked size
    pos = blob.find(b"PK\x01\x02")
    while pos != -1:  # and the central directory's entry
        name_len = struct.unpack("<H", blob[pos + 28 : pos + 30])[0]
        if blob[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", blob, pos + 24, 1024)
        pos = blob.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(blob))


# --- foreign parts -----------------------------------------------------------------

VBA_CT = "application/vnd.ms-office.vbaProject"
ACTIVEX_CT = "application/vnd.ms-office.activeX+xml"
OLE_CT = "application/vnd.openxmlformats-officedocument.oleObject"


def _macro_from(rels_member: str) -> Callable[[Path], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Evil\"" * 40
        parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "/ppt/vbaProject.bin", VBA_CT)
        parts[rels_member] = add_rel(
            parts[rels_member], "rId90", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
            "/ppt/vbaProject.bin",
        )

    return template(change)


macro_from_master = _macro_from(MASTER_RELS)
macro_from_layout = _macro_from(LAYOUT_RELS)
macro_from_root = _macro_from("_rels/.rels")


def _activex(parts: dict[str, bytes]) -> None:
    parts["ppt/activeX/activeX1.xml"] = (
        b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistPropertyBag"/>'
    )
    parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "/ppt/activeX/activeX1.xml", ACTIVEX_CT)
    parts[LAYOUT_RELS] = add_rel(parts[LAYOUT_RELS], "rId91", OD + "control", "../activeX/activeX1.xml")
    parts[LAYOUT] = parts[LAYOUT].replace(
        b"</p:cSld>", b'<p:controls><p:control name="Evil" r:id="rId91" spid="_x0000_s1"/></p:controls></p:cSld>', 1
    ) if b"<p:controls>" not in parts[LAYOUT] else parts[LAYOUT]


activex_in_layout = template(_activex)


def _ole(parts: dict[str, bytes]) -> None:
    parts["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "/ppt/embeddings/oleObject1.bin", OLE_CT)
    parts[MASTER_RELS] = add_rel(parts[MASTER_RELS], "rId92", OD + "oleObject", "../embeddings/oleObject1.bin")
    parts[MASTER] = add_shape(
        parts[MASTER],
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="77" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj progId="Package" r:id="rId92"><p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>',
    )


ole_in_master = template(_ole)


def _external_links(parts: dict[str, bytes]) -> None:
    parts[MASTER_RELS] = add_rel(parts[MASTER_RELS], "rId93", OD + "hyperlink", "http://127.0.0.1:9/track", external=True)
    parts[MASTER_RELS] = add_rel(parts[MASTER_RELS], "rId94", OD + "image", "file:///etc/passwd", external=True)
    parts[MASTER] = add_shape(
        parts[MASTER],
        '<p:sp><p:nvSpPr><p:cNvPr id="78" name="Link"><a:hlinkClick r:id="rId93"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="91440" cy="91440"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>'
        '<p:pic><p:nvPicPr><p:cNvPr id="79" name="Linked"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rId94"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="91440" cy="91440"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )
    parts["_rels/.rels"] = add_rel(parts["_rels/.rels"], "rId95", OD + "hyperlink", "file:///etc/passwd", external=True)


external_links = template(_external_links)


def _unknown_part(parts: dict[str, bytes]) -> None:
    parts["customXml/item1.xml"] = b"<secret>the organisation's internal notes</secret>"
    parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "/customXml/item1.xml", "application/xml")
    parts["ppt/_rels/presentation.xml.rels"] = add_rel(parts["ppt/_rels/presentation.xml.rels"], "rId96", OD + "customXml", "../customXml/item1.xml")
    parts["ppt/evil.xyz"] = b"unknown"
    parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "/ppt/evil.xyz", "application/x-evil")
    # a kept relationship type pointing at a part of another type
    parts[MASTER_RELS] = add_rel(parts[MASTER_RELS], "rId97", OD + "theme", "../evil.xyz")


unknown_parts = template(_unknown_part)


def _picture_bomb(parts: dict[str, bytes]) -> None:
    parts["ppt/pictures/bomb.png"] = png(20000, 20000)
    parts[MASTER_RELS] = add_rel(parts[MASTER_RELS], "rId98", OD + "image", "../pictures/bomb.png")


picture_bomb = template(_picture_bomb)
