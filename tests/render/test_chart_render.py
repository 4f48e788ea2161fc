"""Charts as LibreOffice draws them: a doughnut's figures on its ring, and a chart
with no figure yet as a note instead of empty axes."""

from __future__ import annotations

import subprocess
import textwrap

import pdfplumber
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from rendercheck import check_deck, soffice_or_skip

OUTLINE = """\
    title: 图表
    parts:
      - title: 一
        slides:
          - kind: chart
            title: 增速
            unit: '%'
            categories: [业务总量, 业务收入, 快递业务量]
            series:
              - {name: 增速, values: [X, X, X]}
          - kind: chart
            title: 构成
            type: doughnut
            unit: '%'
            categories: [同城, 异地, 国际及港澳台]
            series:
              - {name: 占比, values: [23.5, 74.1, 2.4]}
    """


def test_libreoffice_draws_doughnut_figures_and_the_placeholder_note(tmp_path):
    soffice = soffice_or_skip()
    outline = tmp_path / "deck.yaml"
    outline.write_text(textwrap.dedent(OUTLINE), encoding="utf-8")
    deck = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(deck), "--theme", "gov-red-noto"])
    assert result.exit_code == 0, result.output
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    pdf_path = tmp_path / "deck.pdf"
    report = check_deck(deck, pdf_path)
    assert report.ok and not report.findings, report.findings
    with pdfplumber.open(pdf_path) as pdf:
        empty, doughnut = (pdf.pages[n].extract_text() for n in (1, 2))
    assert "数据待填" in empty and "业务总量" in empty  # the note, and the categories still along the axis
    # The pale placeholder bars stand over the categories LibreOffice draws (the
    # plot is pinned where layout put them), each with its X above it.
    prs = Presentation(str(deck))
    bars = sorted((sh for sh in prs.slides[1].shapes if sh.name.startswith("Chart placeholder bar")), key=lambda sh: sh.left)
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[1]
        scale = float(page.width) / prs.slide_width
        words = page.extract_words()
    assert len(bars) == 3
    for bar, category in zip(bars, ("业务总量", "业务收入", "快递业务量")):
        word = next(w for w in words if category in w["text"])
        left, right, bottom = bar.left * scale, (bar.left + bar.width) * scale, (bar.top + bar.height) * scale
        assert left < (word["x0"] + word["x1"]) / 2 < right, (category, word, left, right)
        assert 0 < word["top"] - bottom < 30  # just under the bar, on the axis
        assert any(w["text"] == "X" and left < (w["x0"] + w["x1"]) / 2 < right and w["bottom"] <= bar.top * scale + 2 for w in words)
    for figure in ("23.5", "74.1", "2.4"):
        assert figure in doughnut, doughnut
    # The thin slice's figure stands in the legend, beside its category, not on
    # (and over the edge of) the ring.
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[2].extract_words()
    (thin,) = [w for w in words if "2.4" in w["text"]]
    legend = next(w for w in words if "国际及港澳台" in w["text"])
    ring = [w for w in words if w["text"] in ("23.5", "74.1")]
    assert abs(thin["top"] - legend["top"]) < 3 and thin["x0"] >= legend["x0"]
    assert all(thin["x0"] > w["x1"] for w in ring)
