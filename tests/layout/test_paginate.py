"""Balanced pagination: the pruned dynamic programme splits exactly as the full one.

``balanced_pages`` considers only splits that can still end in the greedy number of
pages, which makes it linear in the number of blocks (a slide of 4,000 bullets took
25 s before). The reference below is the full quadratic programme it replaced.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.layout.paginate import balanced_pages, greedy_pages, stack_height


def reference_balanced_pages(heights, gap, capacity, max_per_page=None):
    n = len(heights)
    if n == 0:
        return []
    pages = greedy_pages(heights, gap, capacity)
    if max_per_page:
        pages = [p[i : i + max_per_page] for p in pages for i in range(0, len(p), max_per_page)]
    k = len(pages)
    if k <= 1:
        return pages
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
    out, i = [], n
    for j in range(k, 0, -1):
        out.append(list(range(cut[j][i], i)))
        i = cut[j][i]
    return out[::-1]


heights = st.lists(
    st.one_of(st.floats(min_value=5, max_value=400), st.sampled_from([23.4, 33.4, 46.8, 70.2])),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(heights=heights, gap=st.sampled_from([0.0, 10.0]), capacity=st.sampled_from([120.0, 300.0, 364.0]), max_per_page=st.sampled_from([None, 2, 6]))
def test_pruned_pagination_equals_the_full_programme(heights, gap, capacity, max_per_page):
    assert balanced_pages(heights, gap, capacity, max_per_page) == reference_balanced_pages(heights, gap, capacity, max_per_page)


def test_thousands_of_blocks_keep_every_block_in_order():
    blocks = [20.0 + (i * 7) % 40 for i in range(4000)]
    pages = balanced_pages(blocks, 10.0, 364.0)
    assert [i for page in pages for i in page] == list(range(4000))
    assert len(pages) == len(greedy_pages(blocks, 10.0, 364.0))
    assert all(stack_height([blocks[i] for i in page], 10.0) <= 364.0 for page in pages)
