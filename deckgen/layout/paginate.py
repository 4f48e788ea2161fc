"""Split a run of blocks (items, table rows, cards) into pages that fit.

Pages are contiguous and balanced: eleven items that need two slides become six and
five, not ten and one, so a continued slide does not look like an afterthought.
"""

from __future__ import annotations


def even_pages(n: int, per_page: int) -> list[list[int]]:
    """``n`` blocks of one height in as few pages of at most ``per_page`` as they need,
    as even as can be: fifteen agenda rows twelve to a page become eight and seven,
    not twelve and a （续） slide of three."""
    if n <= 0 or per_page <= 0:
        return [list(range(n))] if n > 0 else []
    count = -(-n // per_page)
    base, extra = divmod(n, count)
    pages, start = [], 0
    for k in range(count):
        size = base + (1 if k < extra else 0)
        pages.append(list(range(start, start + size)))
        start += size
    return pages


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
    Returns lists of block indices, in order. Time is linear in the number of
    blocks (for a bounded number per page): only splits that can still end in
    the greedy number of pages are considered.
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

    def page_height(start: int, stop: int) -> float | None:
        """Height of blocks start..stop-1 as one page, or None if they may not share one."""
        count = stop - start
        if max_per_page and count > max_per_page:
            return None
        page = stack_height(heights[start:stop], gap)
        if page > capacity and count > 1:
            return None
        return page

    # After j pages the split has reached block i with most[j] >= i (filling each
    # page as far as it goes reaches furthest) and least[j] <= i (the remaining
    # k - j pages, filled as far as they go from the end, must reach the last block).
    most, least = [0] * (k + 1), [0] * (k + 1)
    for j in range(1, k + 1):
        stop = most[j - 1] + 1 if most[j - 1] < n else n
        while stop < n and page_height(most[j - 1], stop + 1) is not None:
            stop += 1
        most[j] = stop
    least[k] = n
    for j in range(k - 1, -1, -1):
        start = least[j + 1] - 1 if least[j + 1] > 0 else 0
        while start > 0 and page_height(start - 1, least[j + 1]) is not None:
            start -= 1
        least[j] = start
    if most[k] < n:
        return pages
    # Linear partition by dynamic programming: best[j][i] = the best split of the
    # first i blocks into j pages, scored by (tallest page, sum of squared page
    # heights): among splits with the same tallest page the most even one wins,
    # so 25 bullets become 9 + 8 + 8, not 9 + 9 + 7.
    inf = (float("inf"), float("inf"))
    best: list[dict[int, tuple[float, float]]] = [{0: (0.0, 0.0)}]
    cut: list[dict[int, int]] = [{}]
    for j in range(1, k + 1):
        row: dict[int, tuple[float, float]] = {}
        cut_row: dict[int, int] = {}
        for i in range(max(j, least[j]), min(most[j], n - (k - j)) + 1):
            row[i], cut_row[i] = inf, 0
            for start in range(i - 1, -1, -1):
                page = page_height(start, i)
                if page is None:
                    break
                prev = best[j - 1].get(start, inf)
                if prev == inf:
                    continue
                cost = (round(max(prev[0], page), 6), prev[1] + page * page)
                if cost < row[i]:
                    row[i], cut_row[i] = cost, start
        best.append(row)
        cut.append(cut_row)
    if best[k].get(n, inf) == inf:
        return pages
    out: list[list[int]] = []
    i = n
    for j in range(k, 0, -1):
        start = cut[j][i]
        out.append(list(range(start, i)))
        i = start
    out.reverse()
    return out
