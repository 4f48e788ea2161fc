"""KPI cards as LibreOffice draws them: the values of a row stand on one baseline."""

from __future__ import annotations

import subprocess
import textwrap

from click.testing import CliRunner

from deckgen.cli import cli
from rendercheck import EM_DESCENT, glyphs_and_holders, soffice_or_skip

OUTLINE = """\
    title: 党建
    parts:
      - title: 一
        slides:
          - kind: metrics
            title: 党建工作主要数据
            metrics:
              - {indicator: 基层党组织, value: '128', unit: 个, change: 增长5%}
              - {indicator: 党员人数, value: '2350', unit: 人, change: 增长3%}
              - {indicator: 新发展党员中一线职工和青年骨干, value: '46', unit: 人}
    """


def test_values_of_a_row_of_cards_share_a_baseline_when_a_label_wraps_and_a_change_is_missing(tmp_path):
    # P4 of the review: 46 (label on two lines, no 同比) sat below 128 and 2350.
    soffice = soffice_or_skip()
    outline = tmp_path / "deck.yaml"
    outline.write_text(textwrap.dedent(OUTLINE), encoding="utf-8")
    deck = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(deck)])
    assert result.exit_code == 0, result.output
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    slides = glyphs_and_holders(deck, tmp_path / "deck.pdf")
    glyphs, holders = next((g, h) for g, h in slides if any(name.startswith("KPI ") for name in h))
    baselines = {}
    for glyph, holder in zip(glyphs, holders):
        if holder.startswith("KPI ") and glyph.size >= 40 and glyph.text.isdigit():
            baselines.setdefault(holder, []).append(glyph.bottom - EM_DESCENT * glyph.size)
    assert len(baselines) == 3, baselines
    lows = [max(b) for b in baselines.values()]
    assert max(lows) - min(lows) < 1.0, baselines
