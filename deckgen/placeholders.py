"""The placeholder pattern: a figure or name still to be filled in (X, XX, ××同志).

Shared by the outline (which reports placeholders) and the text engine (which sets
them bold in the placeholder colour), so neither has to import the other.
"""

from __future__ import annotations

import re

# A figure or name still to be filled in: X, XX, XXX, the full-width Ｘ a Chinese input
# method types, xx and ×× (as in ××同志); each run is one placeholder, and X-X, X~X,
# X～X, X/X are two. Not part of a Latin word or code (X-ray, X86, TEXT, box, Xi), and
# a single × is a multiplication sign.
PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:[XＸ]+|x{2,}|ｘ{2,}|×{2,})(?![A-Za-z0-9]|-(?![XＸx×])[A-Za-z])"
)
