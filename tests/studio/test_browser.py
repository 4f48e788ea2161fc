"""The studio in a real browser: `deckgen serve` driven by headless Chromium through Selenium.

A clerk's path: open the page, upload the main seed speech as Word, change a slide's
title and see the preview change, move a slide, download the deck; the download is
opened with python-pptx and holds the edit and the move.

Needs Debian's ``chromium`` and ``chromium-driver``. Skipped where they are missing,
except in CI, which sets ``DECKGEN_REQUIRE_BROWSER=1`` (as ``.ci/run`` does) so that
the test fails there instead of passing by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parents[2]
SEED_DOCX = ROOT / "tests" / "data" / "corpus" / "seed-main.docx"  # the seed's main speech as Word keeps it
REQUIRE_ENV = "DECKGEN_REQUIRE_BROWSER"
SERVER_LOG: list[Path] = []  # the running server's output, shown when a wait fails
NEW_TITLE = "服务质量再提升"


def _browser() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver") or (os.path.exists("/usr/bin/chromedriver") and "/usr/bin/chromedriver") or None
    if chromium and driver:
        return chromium, driver
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"headless Chromium and chromedriver are required ({REQUIRE_ENV}=1) but not found: apt-get install chromium chromium-driver")
    pytest.skip("chromium / chromium-driver not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`deckgen serve` as a clerk starts it (no browser of its own), on a free port."""
    pytest.importorskip("selenium")
    _browser()
    workspace = tmp_path_factory.mktemp("studio-ws")
    log = tmp_path_factory.mktemp("studio-log") / "serve.log"
    port = _free_port()
    with open(log, "w", encoding="utf-8") as output:  # a file, not a pipe nobody drains
        process = subprocess.Popen(
            [sys.executable, "-m", "deckgen", "serve", "--no-browser", "--port", str(port), "--workspace", str(workspace)],
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    SERVER_LOG[:] = [log]
    try:
        yield url, log.read_text(encoding="utf-8").splitlines()[0], workspace
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver_path = _browser()
    from selenium import webdriver

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,950", "--lang=zh-CN"):
        options.add_argument(argument)
    options.binary_location = chromium
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    try:
        yield driver, downloads
    finally:
        driver.quit()


def wait(driver, condition, seconds: float = 60, what: str = ""):
    """Wait for ``condition``; on timeout, say what the page and the server said.

    The page redraws its tree and slides after every save, so an element found a moment
    ago may be gone: such a look is simply tried again, as a person would look again.
    """
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: condition(d), message=what
        )
    except TimeoutException:
        page = driver.execute_script("return document.body.innerText.slice(0, 1500)")
        server = SERVER_LOG[0].read_text(encoding="utf-8")[-3000:] if SERVER_LOG else ""
        pytest.fail(f"timed out waiting: {what}\n--- page ---\n{page}\n--- server ---\n{server}")


def again(action, tries: int = 20):
    """Run ``action``; if the element it used was redrawn under it, find it again and retry."""
    from selenium.common.exceptions import StaleElementReferenceException

    for attempt in range(tries):
        try:
            return action()
        except StaleElementReferenceException:
            if attempt == tries - 1:
                raise
            time.sleep(0.1)
    return None


def card_text(driver, source: str) -> str:
    return driver.execute_script(
        "const c = [...document.querySelectorAll('.slide-card')].find(c => c.dataset.source === arguments[0]);"
        "return c ? c.querySelector('svg').textContent : '';",
        source,
    )


def test_a_clerk_uploads_edits_moves_and_downloads(server, browser):
    from selenium.webdriver.common.by import By

    url, first_line, _ = server
    assert first_line.strip() == f"deckgen studio: {url}"  # loopback by default, and said so
    driver, downloads = browser
    driver.get(url)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"), 60, "the page has its session")

    # Upload the main seed speech as Word.
    driver.find_element(By.ID, "file-input").send_keys(str(SEED_DOCX))
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".slide-card[data-slide] svg")) > 20, 120, "the slides are drawn")
    count = len(driver.find_elements(By.CSS_SELECTOR, ".slide-card[data-slide]"))
    numbers = driver.execute_script("return [...document.querySelectorAll('.slide-card[data-slide]')].map(c => Number(c.dataset.slide))")
    assert numbers == list(range(1, count + 1))

    # Edit the title of the part's second slide and see its preview change.
    source = "parts[0].slides[1]"
    again(lambda: driver.find_element(By.CSS_SELECTOR, f'.node.slide[data-source="{source}"]').click())
    wait(driver, lambda d: d.find_elements(By.ID, "f-title"))
    old_title = again(lambda: driver.find_element(By.ID, "f-title").get_attribute("value"))
    before = card_text(driver, source)
    assert old_title.replace("\n", "")[:4] in before
    field = driver.find_element(By.ID, "f-title")
    field.clear()
    field.send_keys(NEW_TITLE)
    wait(driver, lambda d: NEW_TITLE in card_text(d, source), 20, "the preview shows the new title")
    assert old_title not in card_text(driver, source)
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-preview-ms"), 20)
    print(f"preview updated {driver.find_element(By.TAG_NAME, 'body').get_attribute('data-preview-ms')} ms after the last keystroke's edit began")

    # Move the edited slide one down: it swaps places with the next slide.
    follower = again(lambda: driver.find_element(By.CSS_SELECTOR, '.node.slide[data-source="parts[0].slides[2]"] .label').text)
    again(lambda: driver.find_element(By.CSS_SELECTOR, f'.node.slide[data-source="{source}"] button.move-down').click())
    wait(driver, lambda d: NEW_TITLE in card_text(d, "parts[0].slides[2]"), 20, "the moved slide is drawn one later")
    assert again(lambda: driver.find_element(By.CSS_SELECTOR, '.node.slide[data-source="parts[0].slides[1]"] .label').text) == follower
    wait(driver, lambda d: "已保存" in d.find_element(By.ID, "status").text, 20)

    # Download the deck and find the edit and the move in it.
    driver.find_element(By.ID, "download").click()
    deck_file = wait(driver, lambda d: next((p for p in downloads.glob("*.pptx")), None), 60, "the deck is downloaded")
    time.sleep(0.5)
    assert deck_file.name.endswith("讲话.pptx")
    deck = Presentation(str(deck_file))
    assert len(deck.slides) == count
    titles = [s.shapes.title.text_frame.text.replace("\n", "").replace("\v", "") if s.shapes.title is not None else "" for s in deck.slides]
    assert NEW_TITLE in titles
    moved = titles.index(NEW_TITLE)
    assert titles[moved - 1].replace("（续）", "").startswith(follower.replace("…", "")[:6])  # the follower now comes first


def test_the_page_reopens_earlier_work_and_shows_check_findings_at_their_slides(server, browser):
    from selenium.webdriver.common.by import By

    url, _, _ = server
    driver, _ = browser
    driver.get(url)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#recent a"), 60, "earlier work is listed")
    again(lambda: driver.find_elements(By.CSS_SELECTOR, "#recent a")[0].click())
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".slide-card[data-slide] svg")) > 20)
    assert NEW_TITLE in driver.page_source  # the edit survived leaving the page
    # The seed speech's X figures are reported by check, under the slides that hold them.
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".slide-card .notes li.warning"), 30, "findings shown at their slides")
    first = again(lambda: driver.find_elements(By.CSS_SELECTOR, ".slide-card .notes li.warning")[0].text)
    assert "X" in first
