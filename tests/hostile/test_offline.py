"""No network, ever: LibreOffice conversions do not fetch what documents link.

A local HTTP server on 127.0.0.1 records every request; documents generated here
link pictures, sections, OLE objects, style sheets and templates to it. Converting
them must send it nothing, and the documents must still give their text.
"""

from __future__ import annotations

import http.server
import io
import shutil
import subprocess
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen import office
from deckgen.speech.documents import read_document
from tests.hostile import makers

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

SPEECH = ("在全县工作会议上的讲话", "一、抓好党建", "要抓好党建，确保实效。", "二、抓好服务", "要抓好服务。")


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def _record(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_POST = do_PUT = do_OPTIONS = do_PROPFIND = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()


def fodt(url: str) -> bytes:
    """Flat OpenDocument text with a linked picture, a linked section and a linked OLE object."""
    paragraphs = "".join(f"<text:p>{line}</text:p>" for line in SPEECH[:3])
    rest = "".join(f"<text:p>{line}</text:p>" for line in SPEECH[3:])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><meta:template xlink:type="simple" xlink:actuate="onRequest" xlink:href="{url}/remote-template.ott" xlink:title="t"/></office:meta>
<office:body><office:text>{paragraphs}
<text:p><draw:frame svg:width="2cm" svg:height="2cm">
<draw:image xlink:href="{url}/linked-image.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
<text:section text:name="S1"><text:section-source xlink:href="{url}/linked-section.odt" xlink:type="simple"/></text:section>
<text:p><draw:frame svg:width="2cm" svg:height="2cm">
<draw:object xlink:href="{url}/linked-ole.ods" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
{rest}</office:text></office:body></office:document>""".encode()


def odt(url: str) -> bytes:
    """The same as a zipped .odt."""
    flat = fodt(url).decode()
    body = flat[flat.index("<office:body>") : flat.index("</office:document>")]
    head = flat[: flat.index("<office:meta>")].replace("<office:document ", "<office:document-content ")
    content = head + body + "</office:document-content>"
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">'
        f'<office:meta><meta:template xlink:type="simple" xlink:actuate="onRequest" xlink:href="{url}/remote-template.ott" xlink:title="t"/></office:meta>'
        "</office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def rtf(url: str) -> bytes:
    """RTF with INCLUDEPICTURE and INCLUDETEXT fields naming the server."""
    lines = "".join("{\\pard " + "".join(f"\\u{ord(c)}?" for c in line) + "\\par}" for line in SPEECH)
    fields = (
        f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{url}/rtf-picture.png" \\\\d}}{{\\fldrslt }}}}'
        f'{{\\field{{\\*\\fldinst INCLUDETEXT "{url}/rtf-text.doc"}}{{\\fldrslt }}}}'
    )
    return ("{\\rtf1\\ansi\\deff0 " + lines + "{\\pard " + fields + "\\par}}").encode("ascii")


def web_page_doc(url: str) -> bytes:
    """A .doc that is really HTML (Word's "save as web page"), linking a picture, a style sheet and a frame."""
    body = "".join(f"<p>{line}</p>" for line in SPEECH)
    return (
        f'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{url}/style.css"></head><body>{body}'
        f'<img src="{url}/html-image.png"><iframe src="{url}/frame.html"></iframe></body></html>'
    ).encode()


DOCUMENTS = {"speech.fodt": fodt, "speech.odt": odt, "speech.rtf": rtf, "speech.doc": web_page_doc}


@pytest.fixture(scope="module")
def converted(server: tuple[str, list[str]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each document read (converted by LibreOffice where it needs it) with only the
    profile settings between LibreOffice and the network (no network namespace)."""
    url, _ = server
    folder = tmp_path_factory.mktemp("offline")
    texts = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(office, "network_jail", lambda: ())
        for name, make in DOCUMENTS.items():
            path = folder / name
            path.write_bytes(make(url))
            texts[name] = read_document(path).text
    return texts


def test_documents_with_links_convert_without_a_request(server: tuple[str, list[str]], converted: dict[str, str]) -> None:
    _, requests = server
    assert requests == []
    for name, text in converted.items():
        assert "一、抓好党建" in text and "要抓好服务。" in text, name


def test_a_deck_with_a_linked_picture_converts_to_pdf_without_a_request(server: tuple[str, list[str]], tmp_path: Path) -> None:
    url, requests = server
    parts = makers.members()
    parts[makers.MASTER_RELS] = makers.add_rel(parts[makers.MASTER_RELS], "rId94", makers.OD + "image", f"{url}/deck-image.png", external=True)
    parts[makers.MASTER] = makers.add_shape(
        parts[makers.MASTER],
        '<p:pic><p:nvPicPr><p:cNvPr id="79" name="Linked"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:link="rId94"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )
    deck = tmp_path / "linked.pptx"
    deck.write_bytes(makers.zipped(parts))
    before = len(requests)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(office, "network_jail", lambda: ())
        pdf = office.convert_to_pdf([deck], tmp_path / "pdf")[0]
    assert pdf.stat().st_size > 0
    assert requests[before:] == []


def test_the_network_jail_runs_a_conversion(server: tuple[str, list[str]], tmp_path: Path) -> None:
    """Where the system has one (Linux), LibreOffice also runs without any network."""
    if not office.network_jail():
        pytest.skip("no network namespace here (unshare missing or not allowed)")
    url, requests = server
    path = tmp_path / "speech.fodt"
    path.write_bytes(fodt(url))
    before = len(requests)
    assert "要抓好服务。" in read_document(path).text
    assert requests[before:] == []


def test_the_server_would_see_an_unprotected_conversion(server: tuple[str, list[str]], tmp_path: Path) -> None:
    """The oracle can fail: LibreOffice with a plain profile does fetch the linked picture."""
    url, requests = server
    source = tmp_path / "speech.fodt"
    source.write_bytes(fodt(url))
    before = len(requests)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore", "--convert-to", "docx", "--outdir", str(tmp_path), str(source)],
            capture_output=True, timeout=120, check=False,
        )
    assert any("linked-image.png" in request for request in requests[before:])
