"""The studio's routes, driven through Starlette's TestClient: what the page sends,
and what a hostile page or file sends (oversized, wrong type, traversal names, no token)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from pptx import Presentation

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from deckgen.studio import app as studio_app  # noqa: E402
from deckgen.studio import workspace as studio_workspace  # noqa: E402
from deckgen.studio.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "decks" / "postal-2024.speech.txt"
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"
TEMPLATE = ROOT / "tests" / "data" / "templates" / "bureau-4x3.pptx"
TOKEN = "test-token-1234"
AUTH = {"X-Deckgen-Token": TOKEN}


@pytest.fixture
def workspace(tmp_path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def client(workspace) -> TestClient:
    return TestClient(create_app(workspace, token=TOKEN), base_url="http://127.0.0.1:8765")


def upload(client, data: bytes, name: str, **headers):
    """POST a file as the page does: its name percent-encoded in X-Filename."""
    return client.post("/api/projects", content=data, headers={**AUTH, "X-Filename": quote(name, safe=""), **headers})


def small_talk(client) -> dict:
    answer = upload(client, SMALL.read_bytes(), "small.yaml")
    assert answer.status_code == 201, answer.text
    return answer.json()["talk"]


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# ----- the page itself -------------------------------------------------------------
def test_the_page_is_chinese_and_every_asset_is_served_by_deckgen(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", served.text), asset


def test_session_gives_the_token_themes_and_the_form_of_every_slide_kind(client):
    session = client.get("/api/session").json()
    assert session["token"] == TOKEN
    assert {"postal-green", "gov-red"} <= {t["name"] for t in session["themes"]}
    kinds = {k["kind"] for k in session["spec"]["kinds"]}
    assert {"achievements", "bullets", "metrics", "statement", "focus-areas", "focus-area", "chart"} <= kinds
    assert all(k["label"] and k["fields"] for k in session["spec"]["kinds"])


def test_a_foreign_host_name_is_refused(client):
    # A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) reads nothing.
    assert client.get("/api/session", headers={"Host": "evil.example"}).status_code == 400


# ----- starting a talk -------------------------------------------------------------
def test_a_speech_becomes_a_talk_with_its_slides_drawn(client, workspace):
    answer = upload(client, SPEECH.read_bytes(), "讲话稿.txt")
    assert answer.status_code == 201, answer.text
    talk = answer.json()["talk"]
    assert talk["data"]["title"].endswith("讲话")
    slides = talk["preview"]["slides"]
    assert len(slides) > 20
    assert [s["n"] for s in slides] == list(range(1, len(slides) + 1))
    assert all(s["svg"].startswith("<svg") for s in slides)
    assert talk["data"]["title"] in slides[0]["svg"].replace("\n", "") or slides[0]["kind"] == "title"
    # Kept in the workspace under names deckgen chose, with the speech as it came.
    folder = workspace / "projects" / talk["id"]
    assert (folder / "outline.yaml").is_file() and (folder / "speech.txt").read_bytes() == SPEECH.read_bytes()
    assert client.get("/api/projects").json()["projects"][0]["id"] == talk["id"]
    assert client.get(f"/api/projects/{talk['id']}").json()["yaml"] == (folder / "outline.yaml").read_text(encoding="utf-8")


def test_an_upload_without_the_token_is_refused_and_nothing_is_kept(client, workspace):
    for headers in ({}, {"X-Deckgen-Token": "wrong"}, {"X-Deckgen-Token": ""}):
        answer = client.post("/api/projects", content=SPEECH.read_bytes(), headers={"X-Filename": "a.txt", **headers})
        assert answer.status_code == 403
        assert "刷新" in answer.json()["error"]
    assert not list((workspace / "projects").iterdir())


def test_a_request_from_another_site_is_refused_even_with_the_token(client):
    answer = upload(client, SPEECH.read_bytes(), "a.txt", Origin="http://evil.example")
    assert answer.status_code == 403


def test_an_oversized_upload_is_refused_without_reading_it_whole(client, workspace, monkeypatch):
    monkeypatch.setattr(studio_app, "MAX_SPEECH_BYTES", 1000)
    declared = upload(client, b"x" * 5000, "big.txt")
    assert declared.status_code == 413 and "太大" in declared.json()["error"]

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield b"y" * 500

    streamed = client.post("/api/projects", content=chunks(), headers={**AUTH, "X-Filename": "big.txt"})
    assert streamed.status_code == 413
    assert not list((workspace / "projects").iterdir())


def test_the_file_name_is_only_shown_never_used_as_a_path(client, workspace, tmp_path):
    before = files_under(tmp_path)
    for name in ("../../evil.txt", "..\\..\\evil.txt", "/etc/passwd", "%2e%2e%2fevil.txt", "a\x00b.txt", "CON.txt"):
        answer = upload(client, SPEECH.read_bytes(), name)
        assert answer.status_code == 201, (name, answer.text)
        folder = workspace / "projects" / answer.json()["talk"]["id"]
        assert sorted(p.name for p in folder.iterdir()) == ["outline.yaml", "settings.json", "speech.txt"]
    new = files_under(tmp_path) - before
    assert all(n.startswith("ws/") or n == "ws" for n in new), new
    assert not any("evil" in n or "passwd" in n for n in new)


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "photo.docx", "Word"),
        (b"MZ\x90\x00" + b"\x00" * 200, "setup.exe", "not a speech or outline"),
        (b"%PDF-1.4 this is not really a pdf", "speech.pdf", "speech.pdf"),
        (b"title: [unclosed", "talk.yaml", ""),
        (b"   \n\n  ", "empty.txt", "empty"),
        ("第一部分".encode("utf-16-le"), "speech.txt", "speech.txt"),
    ],
)
def test_a_file_deckgen_cannot_read_gives_a_message_not_a_traceback(client, workspace, data, name, says):
    answer = upload(client, data, name)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    text = body["error"] + " ".join(i["message"] for i in body.get("issues", []))
    assert says in text
    assert "Traceback" not in answer.text
    assert not list((workspace / "projects").iterdir())


def test_a_word_decompression_bomb_is_refused(client, workspace):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (300 * 1024 * 1024))  # compresses to about 300 KB
    answer = upload(client, buffer.getvalue(), "bomb.docx")
    assert answer.status_code == 400
    assert "unpacks to 300 MB" in answer.json()["error"]


def test_the_workspace_holds_a_limited_number_of_talks(client, monkeypatch):
    monkeypatch.setattr(studio_workspace, "MAX_PROJECTS", 1)
    assert upload(client, SMALL.read_bytes(), "a.yaml").status_code == 201
    refused = upload(client, SMALL.read_bytes(), "b.yaml")
    assert refused.status_code == 400 and "holds 1 talks" in refused.json()["error"]


def test_an_unknown_or_malformed_talk_id_is_not_found(client):
    for pid in ("000000000000", "..", "..%2F..%2Fetc", "ABCDEF123456", "x" * 300):
        assert client.get(f"/api/projects/{pid}").status_code == 404, pid
        assert client.put(f"/api/projects/{pid}/outline", json={"yaml": "title: x"}, headers=AUTH).status_code == 404, pid


# ----- editing -----------------------------------------------------------------------
def test_an_edit_is_saved_and_redrawn_and_can_be_undone(client, workspace):
    talk = small_talk(client)
    pid = talk["id"]
    data = talk["data"]
    first = data["parts"][0]["slides"][0]
    first["title"] = "服务质量再提升"
    answer = client.put(f"/api/projects/{pid}/outline", json={"data": data}, headers=AUTH)
    assert answer.status_code == 200
    edited = answer.json()
    assert "服务质量再提升" in (workspace / "projects" / pid / "outline.yaml").read_text(encoding="utf-8")
    drawn = [s for s in edited["preview"]["slides"] if s["source"] == "parts[0].slides[0]"]
    assert drawn and "服务质量再提升" in drawn[0]["svg"]
    before = {s["n"]: s["key"] for s in talk["preview"]["slides"]}
    changed = [s["n"] for s in edited["preview"]["slides"] if before.get(s["n"]) != s["key"]]
    assert drawn[0]["n"] in changed and len(changed) < len(before)  # only what the edit touched
    assert edited["undo"] == 1
    undone = client.post(f"/api/projects/{pid}/undo", headers=AUTH).json()
    assert undone["undone"] and "服务质量再提升" not in undone["yaml"]
    assert client.post(f"/api/projects/{pid}/undo", headers=AUTH).json()["undone"] is False


def test_only_the_drawings_the_page_lacks_are_sent(client):
    talk = small_talk(client)
    data = talk["data"]
    data["parts"][0]["slides"][0]["title"] = "服务质量再提升"
    keys = [s["key"] for s in talk["preview"]["slides"]]
    slides = client.put(f"/api/projects/{talk['id']}/outline", json={"data": data, "known": keys}, headers=AUTH).json()["preview"]["slides"]
    sent = {s["source"]: s["svg"] for s in slides if s["svg"] is not None}
    assert "服务质量再提升" in sent["parts[0].slides[0]"]
    assert len(sent) < len(slides) / 2  # the rest are drawn as they were: not sent again


def test_typing_is_one_undo_step_and_a_pause_starts_the_next(client, monkeypatch):
    talk = small_talk(client)
    pid, data = talk["id"], talk["data"]
    for title in ("服", "服务", "服务质量"):  # typed quickly: one step
        data["parts"][0]["title"] = title
        client.put(f"/api/projects/{pid}/outline", json={"data": data}, headers=AUTH)
    monkeypatch.setattr(studio_workspace, "UNDO_PAUSE_SECONDS", 0.0)  # as if the clerk paused
    data["parts"][0]["title"] = "新标题"
    assert client.put(f"/api/projects/{pid}/outline", json={"data": data}, headers=AUTH).json()["undo"] == 2
    assert "服务质量" in client.post(f"/api/projects/{pid}/undo", headers=AUTH).json()["yaml"]
    assert client.post(f"/api/projects/{pid}/undo", headers=AUTH).json()["yaml"] == talk["yaml"]


def test_broken_yaml_is_kept_as_typed_and_reported_at_its_line(client, workspace):
    pid = small_talk(client)["id"]
    broken = SMALL.read_text(encoding="utf-8").replace("parts:", "parts:\n  - title: [unclosed", 1)
    answer = client.put(f"/api/projects/{pid}/outline", json={"yaml": broken}, headers=AUTH)
    assert answer.status_code == 200
    body = answer.json()
    assert body["preview"]["errors"] and body["preview"]["errors"][0]["line"] > 0
    assert body["data"] is None
    assert (workspace / "projects" / pid / "outline.yaml").read_text(encoding="utf-8") == broken  # nothing typed is lost
    assert client.post(f"/api/projects/{pid}/undo", headers=AUTH).json()["preview"]["errors"] == []


def test_an_invalid_outline_shows_its_errors_and_the_download_is_refused(client):
    pid = small_talk(client)["id"]
    answer = client.put(f"/api/projects/{pid}/outline", json={"data": {"title": "无部分"}}, headers=AUTH).json()
    assert any("parts" in e["message"] for e in answer["preview"]["errors"])
    download = client.get(f"/api/projects/{pid}/download.pptx", params={"token": TOKEN})
    assert download.status_code == 400 and download.json()["issues"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"yaml": 42}', b'{"data": [1]}', b'{"nothing": 1}', b""],
)
def test_a_malformed_edit_is_refused_with_a_message(client, body):
    pid = small_talk(client)["id"]
    answer = client.put(f"/api/projects/{pid}/outline", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]


def test_an_oversized_edit_is_refused_and_the_outline_kept(client, workspace):
    pid = small_talk(client)["id"]
    outline = workspace / "projects" / pid / "outline.yaml"
    before = outline.read_bytes()
    request = client.put(f"/api/projects/{pid}/outline", json={"yaml": "# " + "长" * (2 * 1024 * 1024)}, headers=AUTH)
    assert request.status_code == 413  # a request body past 4 MB is not even read
    outline_text = client.put(f"/api/projects/{pid}/outline", json={"yaml": "# " + "x" * (3 * 1024 * 1024)}, headers=AUTH)
    assert outline_text.status_code == 400 and "limit" in outline_text.json()["error"]  # an outline past 2 MB
    assert outline.read_bytes() == before


def test_edits_without_the_token_change_nothing(client, workspace):
    pid = small_talk(client)["id"]
    outline = workspace / "projects" / pid / "outline.yaml"
    before = outline.read_bytes()
    assert client.put(f"/api/projects/{pid}/outline", json={"yaml": "title: x"}).status_code == 403
    assert client.post(f"/api/projects/{pid}/undo").status_code == 403
    assert client.put(f"/api/projects/{pid}/settings", json={"theme": "gov-red"}).status_code == 403
    assert client.post(f"/api/projects/{pid}/figures", content=b"indicator,value\n").status_code == 403
    assert client.delete(f"/api/projects/{pid}/figures").status_code == 403
    assert client.get(f"/api/projects/{pid}/download.pptx").status_code == 403
    assert client.get(f"/api/projects/{pid}/download.pdf").status_code == 403
    assert client.post("/api/templates", content=TEMPLATE.read_bytes()).status_code == 403
    assert outline.read_bytes() == before


# ----- theme, size, template, figures ---------------------------------------------------
def test_theme_and_size_change_the_drawing_and_go_into_the_build(client, workspace):
    pid = small_talk(client)["id"]
    answer = client.put(f"/api/projects/{pid}/settings", json={"theme": "gov-red", "size": "4:3"}, headers=AUTH).json()
    assert "theme: gov-red" in answer["yaml"]
    svg = answer["preview"]["slides"][0]["svg"]
    assert 'viewBox="0 0 720 540"' in svg and "B3121B" in svg
    deck = Presentation(io.BytesIO(client.get(f"/api/projects/{pid}/download.pptx", params={"token": TOKEN}).content))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)


@pytest.mark.parametrize(
    ("change", "status"),
    [({"theme": "../../etc/passwd"}, 400), ({"size": "21:9"}, 400), ({"template": "0123456789abcdef"}, 404), ({"theme": 7}, 400)],
)
def test_a_bad_setting_is_refused(client, change, status):
    pid = small_talk(client)["id"]
    answer = client.put(f"/api/projects/{pid}/settings", json=change, headers=AUTH)
    assert answer.status_code == status and answer.json()["error"]


def test_a_template_is_kept_once_and_the_talk_is_built_on_it(client, workspace):
    pid = small_talk(client)["id"]
    answer = client.post("/api/templates", content=TEMPLATE.read_bytes(), headers={**AUTH, "X-Filename": quote("../单位模板.pptx")})
    assert answer.status_code == 201
    template_id = answer.json()["id"]
    assert answer.json()["templates"] == [{"id": template_id, "name": "单位模板.pptx"}]
    assert client.post("/api/templates", content=TEMPLATE.read_bytes(), headers={**AUTH, "X-Filename": "again.pptx"}).json()["id"] == template_id
    assert len(list((workspace / "templates").glob("*.pptx"))) == 1
    talk = client.put(f"/api/projects/{pid}/settings", json={"template": template_id}, headers=AUTH).json()
    assert f"templates/{template_id}.pptx" in talk["yaml"]
    cover = talk["preview"]["slides"][0]["svg"]
    assert talk["preview"]["errors"] == [] and 'viewBox="0 0 720 540"' in cover  # the template's 4:3
    from deckgen.office import find_soffice

    if find_soffice():  # the template's own backgrounds, drawn once by LibreOffice, behind every slide
        backdrop = re.search(r'<image x="0" y="0" width="720" height="540" href="([^"]+)"', cover)
        assert backdrop, cover[:400]
        assert client.get(backdrop.group(1)).content.startswith(b"\x89PNG")
        assert list((workspace / "templates" / "previews").glob("*/cover.png"))  # kept: made once per template


@pytest.mark.parametrize(
    ("data", "name", "status"),
    [(b"not a zip", "t.pptx", 400), (b"PK\x03\x04broken", "t.pptx", 400), (b"whatever", "t.exe", 400)],
)
def test_a_file_that_is_not_a_template_is_refused(client, workspace, data, name, status):
    answer = client.post("/api/templates", content=data, headers={**AUTH, "X-Filename": name})
    assert answer.status_code == status and answer.json()["error"]
    assert not list((workspace / "templates").glob("*.p*"))


def test_an_oversized_template_is_refused(client, monkeypatch):
    monkeypatch.setattr(studio_app, "MAX_TEMPLATE_BYTES", 1000)
    assert client.post("/api/templates", content=TEMPLATE.read_bytes(), headers={**AUTH, "X-Filename": "t.pptx"}).status_code == 413


def test_a_pasted_table_fills_the_x_figures(client, workspace):
    talk = upload(client, SAMPLE.read_bytes(), "postal.yaml").json()["talk"]
    pid = talk["id"]
    pasted = "indicator\tvalue\tchange\n邮政业务总量\t123.4\t同比增长5.6%\n"
    answer = client.post(f"/api/projects/{pid}/figures", content=pasted.encode("utf-8"), headers={**AUTH, "X-Filename": quote("粘贴的表格.csv")})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["figures"] == "figures.csv"
    assert any("123.4" in s["svg"] for s in body["preview"]["slides"])
    assert (workspace / "projects" / pid / "figures.csv").read_text(encoding="utf-8").startswith("indicator,value,change")
    cleared = client.delete(f"/api/projects/{pid}/figures", headers=AUTH).json()
    assert not any("123.4" in s["svg"] for s in cleared["preview"]["slides"])


def test_a_broken_figures_file_is_reported_at_its_line_and_not_kept(client, workspace):
    pid = small_talk(client)["id"]
    answer = client.post(f"/api/projects/{pid}/figures", content="名称,数值\n".encode(), headers={**AUTH, "X-Filename": "figs.csv"})
    assert answer.status_code == 400
    issue = answer.json()["issues"][0]
    assert issue["file"] == "figs.csv" and issue["line"] == 1 and "indicator" in issue["message"]
    assert not any(p.name.startswith(("figures", "candidate")) for p in (workspace / "projects" / pid).iterdir())


def test_an_oversized_figures_file_is_refused(client, monkeypatch):
    pid = small_talk(client)["id"]
    monkeypatch.setattr(studio_app, "MAX_TEXT_BYTES", 100)
    answer = client.post(f"/api/projects/{pid}/figures", content=b"indicator,value\n" * 50, headers={**AUTH, "X-Filename": "f.csv"})
    assert answer.status_code == 413


# ----- check, pictures, downloads ----------------------------------------------------
def test_check_findings_name_the_slides_they_concern(client):
    talk = upload(client, SAMPLE.read_bytes(), "postal.yaml").json()["talk"]
    issues = client.get(f"/api/projects/{talk['id']}/check").json()["issues"]
    assert issues and all(i["severity"] in ("warning", "error") for i in issues)
    by_source = {s["n"]: s["source"] for s in talk["preview"]["slides"]}
    placed = [i for i in issues if i["outline_slide"].count("slides[")]
    assert placed
    for issue in placed:
        assert issue["slides"] and all(issue["path"].startswith(by_source[n]) for n in issue["slides"])
    assert any(i["path"] == "organisation" and i["slides"] == [1] for i in issues)


def test_pictures_are_served_only_when_the_preview_shows_them(client):
    talk = upload(client, SAMPLE.read_bytes(), "postal.yaml").json()["talk"]
    hrefs = {h for s in talk["preview"]["slides"] for h in re.findall(r'href="([^"]+)"', s["svg"])}
    assert hrefs
    for href in hrefs:
        picture = client.get(href)
        assert picture.status_code == 200 and picture.content[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xdb")
    base = next(iter(hrefs)).rsplit("/", 1)[0]
    for key in ("0000000000000000", "..%2F..%2Foutline.yaml", "../../../etc/passwd"):
        assert client.get(f"{base}/{key}").status_code == 404


def test_the_download_is_the_talk_named_after_it(client):
    talk = small_talk(client)
    answer = client.get(f"/api/projects/{talk['id']}/download.pptx", params={"token": TOKEN})
    assert answer.status_code == 200
    assert "filename*=utf-8''" in answer.headers["content-disposition"]
    deck = Presentation(io.BytesIO(answer.content))
    assert len(deck.slides) == len(talk["preview"]["slides"])


def test_the_pdf_is_made_with_libreoffice(client):
    from rendercheck import soffice_or_skip

    soffice_or_skip()
    talk = small_talk(client)
    answer = client.get(f"/api/projects/{talk['id']}/download.pdf", params={"token": TOKEN, "inline": "1"})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert answer.headers["content-disposition"].startswith("inline")


def test_a_failing_request_does_not_take_the_server_down(client, monkeypatch):
    from deckgen.studio.service import Studio

    pid = small_talk(client)["id"]

    def broken(self, project):
        raise RuntimeError("boom")

    monkeypatch.setattr(Studio, "check", broken)
    failed = client.get(f"/api/projects/{pid}/check")
    assert failed.status_code == 500 and "撤销" in failed.json()["error"] and "boom" not in failed.text
    assert client.get(f"/api/projects/{pid}").status_code == 200


def test_a_talk_reopens_from_the_workspace_after_a_restart(workspace):
    first = TestClient(create_app(workspace, token=TOKEN), base_url="http://127.0.0.1")
    pid = small_talk(first)["id"]
    again = TestClient(create_app(workspace, token="another"), base_url="http://127.0.0.1")
    assert [p["id"] for p in again.get("/api/projects").json()["projects"]] == [pid]
    assert again.get(f"/api/projects/{pid}").json()["preview"]["slides"]
    assert again.put(f"/api/projects/{pid}/outline", json={"yaml": "x"}, headers=AUTH).status_code == 403  # the old page's token is void


def test_the_workspace_is_the_only_folder_written(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    client = TestClient(create_app(tmp_path / "ws", token=TOKEN), base_url="http://127.0.0.1")
    pid = small_talk(client)["id"]
    client.get(f"/api/projects/{pid}/download.pptx", params={"token": TOKEN})
    assert list(home.iterdir()) == []
    shutil.rmtree(tmp_path / "ws")
