"""Generators of hostile files: templates, documents and PDFs made by code, not kept
as binary blobs. Each maker writes one file at the path it is given."""

from __future__ import annotations

import hashlib
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


def claims_to_unpack_to(size: int, *, member: str = "ppt/presentation.xml") -> Callable[[Path], None]:
    """The bureau template whose zip directory says ``member`` unpacks to ``size`` bytes
    (a bomb as a reader sees it before unpacking, without making one)."""

    def make(path: Path) -> None:
        blob = bytearray(zipped(members()))
        name = member.encode()
        pos = blob.find(b"PK\x01\x02")
        while pos != -1:
            name_len = struct.unpack("<H", blob[pos + 28 : pos + 30])[0]
            if blob[pos + 46 : pos + 46 + name_len] == name:
                struct.pack_into("<I", blob, pos + 24, size)
            pos = blob.find(b"PK\x01\x02", pos + 4)
        path.write_bytes(bytes(blob))

    return make


def _laughs(parts: dict[str, bytes]) -> None:
    """A layout whose name is a billion laughs (10^8 characters from nested entities)."""
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (name.encode(), (b"&" + inner.encode() + b";") * 10) for inner, name in zip("abcdefgh", "bcdefghi")
    )
    body = parts[LAYOUT].split(b"?>", 1)[1].replace(b'name="', b'name="&i;', 1)
    parts[LAYOUT] = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE p:sldLayout [' + entities + b"]>" + body


billion_laughs = template(_laughs)


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


# --- documents -------------------------------------------------------------------------


def pdf(
    lines: list[str], *, font_size: float = 10.0, page: tuple[float, float] = (595, 842), char_width: float | None = None, owner_password: str = ""
) -> bytes:
    """A one-page PDF showing ``lines`` (ASCII) in Helvetica, top to bottom.

    ``char_width`` sets each glyph's advance (by character spacing) so a very long
    line fits on the page. ``owner_password`` encrypts it as PDF 1.4 tools do for a
    file anyone may open but whose text may not be copied (RC4, revision 2).
    """
    width, height = page
    ops = ["BT", f"/F1 {font_size} Tf"]
    if char_width is not None:
        ops.append(f"{char_width - 0.5 * font_size:.4f} Tc")  # Helvetica's mean advance is about half an em
    for n, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 20 {height - 40 - n * font_size * 1.5:.2f} Tm ({escaped}) Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    trailer_extra = b""
    if owner_password:
        file_id = b"deckgen-hostile!"
        permissions = -3904  # open and print: yes; copy text: no
        key, owner_entry, user_entry = _rc4_keys(owner_password.encode(), permissions, file_id)
        object_key = hashlib.md5(key + (5).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        sealed = _rc4(object_key, stream)
        objects[4] = b"<< /Length %d >>\nstream\n" % len(sealed) + sealed + b"\nendstream"
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions))
        trailer_extra = b" /Encrypt 6 0 R /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def _rc4_keys(owner: bytes, permissions: int, file_id: bytes) -> tuple[bytes, bytes, bytes]:
    """The file key and the /O and /U entries of the standard security handler, revision 2
    (an empty user password: anyone may open the file)."""
    owner_entry = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], _PAD)
    key = hashlib.md5(_PAD + owner_entry + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    return key, owner_entry, _rc4(key, _PAD)


def zero_docx(path: Path, *, unpacked_mb: int = 300) -> None:
    """A .docx whose document part is a few hundred MB of zeros (a few hundred KB packed)."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                stream.write(block)
    path.write_bytes(out.getvalue())
