"""Split a run of blocks (items, table rows, cards) into pages that fit.

Pages are contiguous and balanced: eleven items that need two slides become six and
five, not ten and one, so a continued slide does not look like an afterthought.
"""

from __future__ import annotations


def stack_height(heights: list[float], gap: float) -> float:
    """Height of blocks stacked with ``gap`` between them."""
    return sum(heights) + gap * max(0, len(heights) - 1)


def greedy_pages(heights: list[float], gap: float, capacity: float) -> list[list[int]]:
    """Fill pages in order; a block taller than a page gets a page of its own."""
    pages: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for i, h in enumerate(heights):
        need = h if not current else used + gap + h
        if current and need > capacity:
            pages.append(current)
            current, used = [i], h
        else:
            current.append(i)
            used = need
    if current:
        pages.append(current)
    return pages


def balanced_pages(heights: list[float], gap: float, capacity: float, max_per_page: int | None = None) -> list[list[int]]:
    """Split into as few pages as greedy filling needs, with the tallest page as short as possible.

    ``max_per_page`` caps the number of blocks per page (e.g. six cards of a grid).
    Returns lists of block indices, in order.
    """
    n = len(heights)
    if n == 0:
        return []
    pages = greedy_pages(heights, gap, capacity)
    if max_per_page:
        pages = [p[i : i + max_per_page] for p in pages for i in range(0, len(p), max_per_page)]
    k = len(pages)
    if k <= 1:
        return pages
    # Linear partition by dynamic programming: best[j][i] = the best split of the
    # first i blocks into j pages, scored by (tallest page, sum of squared page
    # heights): among splits with the same tallest page the most even one wins,
    # so 25 bullets become 9 + 8 + 8, not 9 + 9 + 7.
    inf = (float("inf"), float("inf"))
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = (0.0, 0.0)
    for j in range(1, k + 1):
        for i in range(1, n + 1):
            for start in range(i - 1, -1, -1):
                count = i - start
                if max_per_page and count > max_per_page:
                    break
                page = stack_height(heights[start:i], gap)
                if page > capacity and count > 1:
                    break
                prev = best[j - 1][start]
                if prev == inf:
                    continue
                cost = (round(max(prev[0], page), 6), prev[1] + page * page)
                if cost < best[j][i]:
                    best[j][i] = cost
                    cut[j][i] = start
    if best[k][n] == inf:
        return pages
    out: list[list[int]] = []
    i = n
    for j in range(k, 0, -1):
        start = cut[j][i]
        out.append(list(range(start, i)))
        i = start
    out.reverse()
    return out
