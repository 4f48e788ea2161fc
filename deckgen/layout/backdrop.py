"""What is drawn behind a box, and text colours that stand out from it (WCAG AA).

For a slide on a layout of its base (a built-in theme's generated layouts or an
organisation's template), :class:`Ground` tells the colours behind any rectangle:
the slide, layout and master background (solid, gradient, or picture: the picture's
pixels under the box), the master's and layout's decorations (pictures, bands, fixed
texts), a placeholder's own fill, and the slide's own fills and pictures drawn
before the box. The colours are sampled on a grid over the box, so a box half over a
band sees both.

:func:`make_readable` walks a laid-out deck and gives every run of text a colour from
the scheme that reaches WCAG AA (4.5:1 under 18 pt, or 14 pt bold; 3:1 above) on at
least :data:`COVERAGE` of what lies behind it; where no scheme colour does, it puts a
plain backdrop in a scheme colour behind the text. :func:`low_contrast` reports what
still fails (colours the user's own theme sets are reported, not overridden).
:func:`decorations_under` tells which template decorations a box covers.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from pathlib import Path

from deckgen.kinds.chart_box import ChartBox
from deckgen.layout.deck import DeckPlan
from deckgen.layout.elements import Fill, Picture, Rect, SlidePlan, Table, TextBox
from deckgen.records import field, record
from deckgen.typeset.paragraphs import Para, Run
from deckgen.theme.colour import contrast, luminance
from deckgen.theme.model import Theme
from deckgen.theme.scenery import Decoration, Paint, Scenery

#: Share of the points behind a text that must reach the ratio: a thin rule or a
#: picture's edge under a corner of a box does not make its text unreadable.
COVERAGE = 0.85
AA_SMALL, AA_LARGE = 4.5, 3.0
#: A decoration is "covered" when a text box overlaps it by this many points both ways.
COVER_MIN_PT = 4.0
SAMPLE_PT = 6.0  # grid pitch of the samples behind a box
CELL_SAMPLE_INSET = 2.0  # a table cell is sampled this far inside its edges (its rules aside)
#: A background picture's cell (SAMPLE_PT square) whose luminance varies by more than
#: this (standard deviation, 0..1) is busy: an emblem or artwork baked into the picture.
BUSY_SPREAD = 0.15


# ------------------------------------------------------------------ WCAG maths


def needed(size_pt: float, bold: bool = False) -> float:
    """The ratio WCAG AA asks of text of this size: 3:1 from 18 pt (14 pt bold), else 4.5:1."""
    large = size_pt >= 18.0 - 0.05 or (bold and size_pt >= 14.0 - 0.05)
    return AA_LARGE if large else AA_SMALL


def ratio_over(color: str, ground: list[str] | Counter[str], coverage: float = COVERAGE) -> float:
    """The contrast ``color`` reaches on ``coverage`` of the ``ground`` samples (a list,
    or the samples counted by colour when several runs are asked about one box)."""
    counted = ground if isinstance(ground, Counter) else Counter(ground)
    size = sum(counted.values())
    if not size:
        return 21.0
    # The k-th smallest of the ratios to every sample, found over the distinct colours
    # with their counts: the samples of a box are hundreds, its colours a few.
    k = min(int(math.floor((1 - coverage) * size)), size - 1)
    for ratio, count in sorted((contrast(color, g), n) for g, n in counted.items()):
        if k < count:
            return ratio
        k -= count
    raise AssertionError("unreachable: the counts add up to len(ground)")


def _blend(top: str, bottom: str, alpha: float) -> str:
    return "".join(
        f"{round(int(top[i:i + 2], 16) * alpha + int(bottom[i:i + 2], 16) * (1 - alpha)):02X}" for i in (0, 2, 4)
    )


# --------------------------------------------------------------------- pictures


class _Pictures:
    """Decoded pictures, small enough to sample quickly, by their bytes or path.

    Vector pictures Pillow cannot draw (EMF, WMF: many templates' emblems and bands)
    are rasterised by LibreOffice first (:meth:`prepare`, one run for a deck)."""

    def __init__(self):
        self._images: dict = {}
        self._raster: dict[int, bytes] = {}
        self._tried: set[int] = set()  # unreadable pictures LibreOffice was asked to draw
        # What busy_background found, by layout (the id of its scenery, alive as long
        # as the plan that holds these pictures): the cells of a background picture
        # are judged once per layout and deck, not again for every slide and box.
        self.busy: dict[int, dict] = {}

    def prepare(self, blobs: list[bytes]) -> None:
        """Rasterise, in one LibreOffice run, the pictures among ``blobs`` Pillow cannot read."""
        from deckgen.office import rasterize_pictures

        unreadable = [
            blob for blob in {id(b): b for b in blobs}.values()
            if id(blob) not in self._tried and self.image(id(blob), lambda b=blob: io.BytesIO(b)) is None
        ]
        self._tried.update(id(blob) for blob in unreadable)
        if not unreadable:
            return
        for blob, png in zip(unreadable, rasterize_pictures(unreadable)):
            if png:
                self._raster[id(blob)] = png

    def unseen(self, data: bytes) -> bool:
        """Whether a picture cannot be trusted to show what is under text: Pillow cannot
        read it (EMF, WMF), and LibreOffice's drawing of it alone may leave parts out
        (EMF+ records, glows) or fail: a text over it gets a backdrop to be sure."""
        image = self.of_bytes(data)
        return image is None or image.size == (1, 1) or id(data) in self._raster

    def of_bytes(self, data: bytes):
        raster = self._raster.get(id(data))
        if raster is None:
            return self.image(id(data), lambda: io.BytesIO(data))
        return self.image(("drawn", id(data)), lambda: io.BytesIO(_drawing_only(raster)))

    def image(self, key, load):
        if key not in self._images:
            self._images[key] = self._decode(load)
        return self._images[key]

    @staticmethod
    def _decode(load):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(load()) as opened:
                opened.draft("RGB", (320, 320))
                image = opened.convert("RGBA")
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
            return None
        image.thumbnail((320, 320))
        return image

    def sample(self, image, fx: float, fy: float, under: str) -> str:
        if image is None:
            return under
        x = min(max(int(fx * image.width), 0), image.width - 1)
        y = min(max(int(fy * image.height), 0), image.height - 1)
        r, g, b, a = image.getpixel((x, y))
        color = f"{r:02X}{g:02X}{b:02X}"
        return color if a >= 250 else _blend(color, under, a / 255)


def _drawing_only(png: bytes) -> bytes:
    """LibreOffice draws a vector picture centred on a white page: keep the drawing, its
    white taken as transparent (the page's white and the picture's empty parts cannot
    be told apart, and emblems and line art are mostly drawn on nothing)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(png)) as page:
        rgb = page.convert("RGB")
    box = ImageOps.invert(rgb).getbbox()
    out = io.BytesIO()
    if box is None:  # nothing but white: nothing we can see
        Image.new("RGBA", (1, 1), (255, 255, 255, 0)).save(out, "PNG")
        return out.getvalue()
    drawing = rgb.crop(box)
    alpha = drawing.convert("L").point(lambda v: 0 if v >= 250 else 255)
    drawing.putalpha(alpha)
    drawing.save(out, "PNG")
    return out.getvalue()


# ------------------------------------------------------------------------ ground


@record
class Layer:
    """One thing drawn behind text: a rectangle (or ellipse) with a paint."""

    rect: Rect
    paint: Paint | None = None
    color: str = ""  # a plain colour (our own fills)
    path: Path | None = None  # our own pictures: the file
    ellipse: bool = False
    name: str = ""
    text: str = ""
    geometry: tuple[str, float, bool, bool] = ("rect", 0.5, False, False)

    def plain_over(self, x0: float, x1: float, y0: float, y1: float) -> bool:
        """Whether this layer :meth:`covers` every point of the rectangle from (x0, y0)
        to (x1, y1) in one colour (whatever lies under it): a plain fill or colour, not
        a gradient or picture, on a rectangular shape holding that rectangle."""
        r = self.rect
        if self.ellipse or self.geometry[0] in ("triangle", "rtTriangle", "ellipse"):
            return False
        if self.paint is not None and self.paint.kind != "solid" or self.paint is None and self.path is not None:
            return False
        return r.x <= x0 and x1 <= r.right and r.y <= y0 and y1 <= r.bottom

    def plain_color(self) -> str | None:
        """The one colour this layer paints ("" for none: what is under it shows), or
        None when it may paint any colour (a picture, a gradient, a translucent fill)."""
        if self.paint is not None:
            return self.paint.color if self.paint.kind == "solid" and self.paint.alpha >= 0.98 else None
        return None if self.path is not None else self.color

    def covers(self, x: float, y: float) -> bool:
        r = self.rect
        if not (r.x <= x <= r.right and r.y <= y <= r.bottom):
            return False
        preset, adj, flip_h, flip_v = self.geometry
        if preset in ("triangle", "rtTriangle"):
            fx, fy = (x - r.x) / (r.w or 1), (y - r.y) / (r.h or 1)
            fx, fy = (1 - fx if flip_h else fx), (1 - fy if flip_v else fy)
            apex = 0.0 if preset == "rtTriangle" else adj  # (apex, 0), (0, 1), (1, 1)
            return apex * (1 - fy) <= fx <= apex * (1 - fy) + fy
        if self.ellipse or preset == "ellipse":
            cx, cy, rx, ry = r.x + r.w / 2, r.y + r.h / 2, r.w / 2 or 1, r.h / 2 or 1
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
        return True


@record
class Ground:
    """What lies behind the shapes of slides on one layout."""

    width: float
    height: float
    background: Paint | None
    layers: list[Layer] = field(default_factory=list)  # decorations, bottom first
    placeholder_fills: dict[str, Paint] = field(default_factory=dict)
    text_colors: dict[str, str] = field(default_factory=dict)
    pictures: _Pictures = field(default_factory=_Pictures)
    slots: frozenset[str] = frozenset(("title", "subtitle", "footer", "number"))  # roles set in a placeholder
    _busy: dict = field(default_factory=dict, repr=False, compare=False)  # busy_background's findings, shared by a layout's grounds
    #: What :meth:`counted_under` found, by box and the shapes under it.
    _counted: dict = field(default_factory=dict, repr=False, compare=False)

    def _paint_at(self, paint: Paint, rect: Rect, x: float, y: float, under: str) -> str:
        if paint.kind == "solid":
            return paint.color if paint.alpha >= 0.98 else _blend(paint.color, under, paint.alpha)
        fx = (x - rect.x) / rect.w if rect.w else 0.0
        fy = (y - rect.y) / rect.h if rect.h else 0.0
        if paint.kind == "gradient":
            angle = math.radians(paint.angle)
            t = min(max(fx * math.cos(angle) ** 2 + fy * math.sin(angle) ** 2 if paint.angle % 90 == 0 else
                        (fx * math.cos(angle) + fy * math.sin(angle)) / (abs(math.cos(angle)) + abs(math.sin(angle))), 0.0), 1.0)
            stops = paint.stops
            if t <= stops[0][0]:
                return stops[0][1]
            for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
                if t <= p1:
                    return _blend(c1, c0, (t - p0) / (p1 - p0) if p1 > p0 else 1.0)
            return stops[-1][1]
        return self.pictures.sample(self.pictures.of_bytes(paint.image), fx, fy, under)

    def color_at(self, x: float, y: float, below: list[Layer] = (), placeholder: str = "") -> str:  # type: ignore[assignment]
        """The colour drawn at (x, y) behind a text (pt), with ``below`` the slide's own
        shapes under it and ``placeholder`` ("title", "body") the placeholder it fills."""
        return self._color_at(x, y, [*self.layers, *below], placeholder)

    def _color_at(self, x: float, y: float, layers: list[Layer], placeholder: str) -> str:
        """:meth:`color_at` with ``layers`` the decorations and shapes that may cover (x, y)."""
        page = Rect(0, 0, self.width, self.height)
        color = "FFFFFF"
        if self.background is not None:
            color = self._paint_at(self.background, page, x, y, color)
        for layer in layers:
            if layer.covers(x, y):
                color = self._layer_at(layer, x, y, color)
        fill = self.placeholder_fills.get(placeholder) if placeholder else None
        if fill is not None:
            color = self._paint_at(fill, page, x, y, color) if fill.kind == "solid" else color
        return color

    def _layer_at(self, layer: Layer, x: float, y: float, under: str) -> str:
        if layer.paint is not None:
            return self._paint_at(layer.paint, layer.rect, x, y, under)
        if layer.path is not None:
            path = layer.path
            image = self.pictures.image(str(path), lambda: io.BytesIO(path.read_bytes()))
            r = layer.rect
            return self.pictures.sample(image, (x - r.x) / (r.w or 1), (y - r.y) / (r.h or 1), under)
        return layer.color or under

    def colors_under(self, rect: Rect, below: list[Layer] = (), placeholder: str = "") -> list[str]:  # type: ignore[assignment]
        """The colours behind ``rect``, sampled every :data:`SAMPLE_PT` points."""
        grid = self._grid(rect, below)
        if grid is None:
            return []
        across, down, layers, _, plain = grid
        if plain:
            # One colour at every sample: a plain background under plain shapes that
            # cover all of them (the placeholder's fill, when any, is solid or ignored).
            return [self._color_at(across.first, down.first, layers, placeholder)] * (across.count * down.count)
        return [self._color_at(x, y, layers, placeholder) for y in down.points() for x in across.points()]

    def counted_under(self, rect: Rect, below: list[Layer] = (), placeholder: str = "") -> Counter[str]:  # type: ignore[assignment]
        """:meth:`colors_under` counted by colour, remembered by the box and the shapes of
        ``below`` that reach into it: the same box over the same shapes (a title, a
        footer, a card on every slide of a layout) is sampled once per ground. The
        Counter returned is shared: read it, do not change it."""
        grid = self._grid(rect, below)
        if grid is None:  # nothing of the box on the slide: no samples (one Counter, kept)
            return self._counted.setdefault((), Counter())
        across, down, layers, own, plain = grid
        key = (rect, placeholder, tuple(_layer_key(layer) for layer in layers[own:]))
        known = self._counted.get(key)
        if known is None:
            if plain:
                known = Counter({self._color_at(across.first, down.first, layers, placeholder): across.count * down.count})
            else:
                known = Counter(self._color_at(x, y, layers, placeholder) for y in down.points() for x in across.points())
            self._counted[key] = known
        return known

    def _grid(self, rect: Rect, below: list[Layer]) -> tuple[_Axis, _Axis, list[Layer], int, bool] | None:
        """The sample points behind ``rect`` (across and down), the layers that may cover
        them (the ground's own first, then those of ``below``), how many are the ground's
        own, and whether all the points are one plain colour; None when no point is on
        the slide."""
        across = _Axis.of(rect.x, rect.w, min(max(int(rect.w / SAMPLE_PT), 2), 60), self.width)
        down = _Axis.of(rect.y, rect.h, min(max(int(rect.h / SAMPLE_PT), 2), 30), self.height)
        # Only what overlaps the rectangle can cover a sample in it: the rest is not
        # asked at every sample (a deck's review samples millions of points).
        if across is None or down is None:
            return None
        x0, x1, y0, y1 = across.low, across.high, down.low, down.high
        layers = [layer for layer in self.layers if _reaches(layer.rect, x0, x1, y0, y1)]
        own = len(layers)
        layers += [layer for layer in below if _reaches(layer.rect, x0, x1, y0, y1)]
        plain = (self.background is None or self.background.kind == "solid") and all(layer.plain_over(x0, x1, y0, y1) for layer in layers)
        return across, down, layers, own, plain

    def _busy_cell(self, x: float, y: float) -> bool:
        cell = SAMPLE_PT * 2
        # the picture as seen through the template's own panels and veils over it
        values = [luminance(self.color_at(x + dx * cell / 4, y + dy * cell / 4)) for dx in range(4) for dy in range(4)]
        mean = sum(values) / len(values)
        return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 > BUSY_SPREAD

    def _cells(self, rect: Rect):
        cell = SAMPLE_PT * 2
        y = rect.y
        while y < rect.bottom - 1:
            x = rect.x
            while x < rect.right - 1:
                yield x, y
                x += cell
            y += cell

    def pictures_under(self, rect: Rect) -> list[Layer]:
        """The template's picture decorations that overlap ``rect``."""
        return [
            layer for layer in self.layers
            if layer.paint is not None and layer.paint.kind == "picture" and _overlap(layer.rect, rect, 1.0)
        ]

    def unseen_under(self, rect: Rect, below: list[Layer] = ()) -> bool:  # type: ignore[assignment]
        """Whether a picture whose pixels are unknown lies under much of ``rect`` and
        shows there: not when one of the slide's own plain shapes ``below`` the text
        (a badge, a card) hides all of it."""
        if any(layer.plain_over(rect.x, rect.right, rect.y, rect.bottom) for layer in below):
            return False
        return self.coverage(rect) == 1.0 and any(
            layer.paint is not None and self.pictures.unseen(layer.paint.image) for layer in self.pictures_under(rect)
        )

    def coverage(self, rect: Rect) -> float:
        """The share of the samples behind ``rect`` that text must reach: all of them
        where a picture decoration lies under much of it (line art and lettering cross
        a glyph anywhere)."""
        area = max(rect.w * rect.h, 1.0)
        for layer in self.pictures_under(rect):
            dx = min(rect.right, layer.rect.right) - max(rect.x, layer.rect.x)
            dy = min(rect.bottom, layer.rect.bottom) - max(rect.y, layer.rect.y)
            if dx * dy > (1 - COVERAGE) * area:
                return 1.0
        return COVERAGE

    def busy_background(self, rect: Rect) -> bool:
        """Whether a background picture has artwork (an emblem, a logo) under ``rect``:
        a cell of it whose luminance varies strongly, on a picture that is calm
        elsewhere (a photograph textured all over is a matter of contrast only)."""
        if self.background is None or self.background.kind != "picture":
            return False
        if self.pictures.of_bytes(self.background.image) is None:
            return False
        busy = self._busy
        if "share" not in busy:
            cells = [self._busy_at(x, y) for x, y in self._cells(Rect(0, 0, self.width, self.height))]
            busy["share"] = sum(cells) / max(len(cells), 1)
        if busy["share"] > 0.25:
            return False
        # The cells of the slide's own grid that ``rect`` reaches into, judged once per
        # layout for all the boxes and slides on it.
        cell = SAMPLE_PT * 2
        x0, y0 = math.floor(max(rect.x, 0.0) / cell) * cell, math.floor(max(rect.y, 0.0) / cell) * cell
        return any(self._busy_at(x, y) for x, y in self._cells(Rect(x0, y0, rect.right - x0, rect.bottom - y0)))

    def _busy_at(self, x: float, y: float) -> bool:
        """:meth:`_busy_cell`, remembered for the layout (a body box is the same on most slides)."""
        cells = self._busy.setdefault("cells", {})
        known = cells.get((x, y))
        if known is None:
            known = cells[(x, y)] = self._busy_cell(x, y)
        return known


@record
class _Axis:
    """The sample positions along one side of a box: ``start + length × (k + ½) / n``
    for k < n, those on the slide (0 to ``limit``) only."""

    start: float
    length: float
    n: int
    first: float  # the first position on the slide
    low: float
    high: float
    count: int
    _points: list[float] | None = None  # worked out only when asked for, or when some are off the slide

    @classmethod
    def of(cls, start: float, length: float, n: int, limit: float) -> _Axis | None:
        first = start + length * (0 + 0.5) / n
        last = start + length * (n - 1 + 0.5) / n
        if 0 <= first <= last <= limit:  # every position in order and on the slide: no list needed
            return cls(start, length, n, first, first, last, n)
        points = [p for k in range(n) if 0 <= (p := start + length * (k + 0.5) / n) <= limit]
        if not points:
            return None
        return cls(start, length, n, points[0], min(points), max(points), len(points), points)

    def points(self) -> list[float]:
        if self._points is None:
            self._points = [self.start + self.length * (k + 0.5) / self.n for k in range(self.n)]
        return self._points


def _reaches(r: Rect, x0: float, x1: float, y0: float, y1: float) -> bool:
    """Whether ``r`` reaches into the rectangle from (x0, y0) to (x1, y1)."""
    return r.x <= x1 and r.x + r.w >= x0 and r.y <= y1 and r.y + r.h >= y0


def _overlap(a: Rect, b: Rect, at_least: float) -> bool:
    dx = min(a.right, b.right) - max(a.x, b.x)
    dy = min(a.bottom, b.bottom) - max(a.y, b.y)
    return dx >= at_least and dy >= at_least


def _decoration_layer(d: Decoration) -> Layer:
    return Layer(Rect(d.x, d.y, d.w, d.h), paint=d.paint, name=d.name, text=d.text, geometry=d.geometry)


def pictures_of(plan: DeckPlan) -> _Pictures:
    """The pictures of the template layouts ``plan``'s slides are on, ready to sample:
    one set per plan, shared by the passes that look behind its text (choosing colours,
    the reader's review), each picture decoded or drawn by LibreOffice once."""
    pictures = plan.pictures
    if not isinstance(pictures, _Pictures):
        pictures = plan.pictures = _Pictures()
    base = plan.base
    if base is None or base.generated:
        return pictures
    blobs = []
    for layout in {id(lay): lay for lay in (base.layouts[s.layout] for s in plan.slides)}.values():
        scenery = layout.scenery
        if scenery is None:
            continue
        paints = [scenery.background, *(d.paint for d in scenery.decorations)]
        blobs += [paint.image for paint in paints if paint is not None and paint.kind == "picture"]
    pictures.prepare(blobs)
    return pictures


def ground_of(plan: DeckPlan, slide: SlidePlan, theme: Theme, pictures: _Pictures | None = None) -> Ground:
    """The ground of ``slide``'s layout in ``plan``'s base (``pictures``: from
    :func:`pictures_of`, shared by the slides of a deck)."""
    pictures = pictures or _Pictures()
    base = plan.base
    assert base is not None, "plan_deck sets the base"
    layout = base.layouts[slide.layout]
    scenery: Scenery | None = getattr(layout, "scenery", None)
    if scenery is not None:
        slots = frozenset(role for role in ("title", "subtitle", "footer", "number") if getattr(layout, role) is not None)
        return Ground(
            base.width, base.height, scenery.background,
            [_decoration_layer(d) for d in scenery.decorations],
            dict(scenery.placeholder_fills), dict(scenery.text_colors), pictures, slots=slots,
            _busy=pictures.busy.setdefault(id(scenery), {}),
        )
    background = slide.background or layout.background or theme.color("background")
    elements = (base.master_elements if layout.show_master else []) + list(layout.elements)
    text = theme.color("text")
    return Ground(
        base.width, base.height, Paint("solid", color=background), _own_layers(elements),
        text_colors={"title": text, "body": text, "other": text, "footer": text}, pictures=pictures,
    )


def _layer_key(layer: Layer) -> tuple:
    """What of ``layer`` decides the colours it draws (its name does not)."""
    return (layer.rect, layer.color, layer.path, layer.ellipse, layer.geometry, id(layer.paint) if layer.paint is not None else None)


class Grounds:
    """The grounds of one deck's slides: one :class:`Ground` per layout (and slide
    background), made once and shared by its slides, so what was sampled behind a box
    (:meth:`Ground.counted_under`) is reused wherever the same box lies over the same
    shapes. ``shared=False``: a new ground for every slide, nothing reused (the
    definition the shared one is tested against)."""

    def __init__(self, plan: DeckPlan, theme: Theme, *, shared: bool = True) -> None:
        self.plan, self.theme, self.shared = plan, theme, shared
        self.pictures = pictures_of(plan)
        self._grounds: dict[tuple[str, str | None], Ground] = {}

    def of(self, slide: SlidePlan) -> Ground:
        """The ground of ``slide``'s layout."""
        if not self.shared:
            return ground_of(self.plan, slide, self.theme, self.pictures)
        key = (slide.layout, slide.background)
        ground = self._grounds.get(key)
        if ground is None:
            ground = self._grounds[key] = ground_of(self.plan, slide, self.theme, self.pictures)
        return ground


def _own_layers(elements) -> list[Layer]:
    out = []
    for element in elements:
        if isinstance(element, Fill):
            out.append(Layer(element.rect, color=element.color, ellipse=element.shape == "ellipse", name=element.name))
        elif isinstance(element, Picture):
            out.append(Layer(element.rect, path=element.path, name=element.name))
    return out


# ------------------------------------------------------------------ text boxes


def _placeholder_role(box: TextBox, ground: Ground) -> str:
    """Which placeholder's fill and text colour ``box`` takes ("" for a text box)."""
    if box.role not in ground.slots:
        return ""
    return {"title": "title", "subtitle": "body", "footer": "footer", "number": "footer"}.get(box.role, "")


def _text_width(box: TextBox, texts: list[str] | None = None) -> float:
    """A generous estimate of the widest line of ``box`` (an em for CJK, 0.6 em for the
    rest); ``texts``: its paragraphs' texts, when known."""
    texts = texts if texts is not None else [para.text for para in box.paras]
    return max((sum(map(_advances(para.size_pt).__getitem__, line)) for para, text in zip(box.paras, texts) for line in text.split("\n")), default=box.rect.w)


class _Advances(dict):
    """The estimated advance of each character at one size: the size for CJK, 0.6 of it
    for the rest (filled in as characters are met)."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, ch: str) -> float:
        advance = self[ch] = self.size if ord(ch) > 0x2E80 else 0.6 * self.size
        return advance


_ADVANCES: dict[float, _Advances] = {}


def _advances(size: float) -> _Advances:
    table = _ADVANCES.get(size)
    if table is None:
        table = _ADVANCES[size] = _Advances(size)
    return table


def _inner(box: TextBox) -> Rect:
    """``box`` inside its insets (at least a point each way): where its text is set."""
    return Rect(box.rect.x + box.insets.left, box.rect.y + box.insets.top,
                max(box.rect.w - box.insets.left - box.insets.right, 1.0),
                max(box.rect.h - box.insets.top - box.insets.bottom, 1.0))


def text_extent(box: TextBox) -> Rect:
    """The part of ``box`` its lines take (by line pitch and anchor, and across by their
    estimated width and the alignment), inside the insets."""
    inner = _inner(box)
    height = 0.0
    texts = [para.text for para in box.paras]
    for n, (para, text) in enumerate(zip(box.paras, texts)):
        lines = max(text.count("\n") + text.count("\v") + 1, 1)
        height += (para.space_before_pt if n else 0.0) + lines * para.line_pitch_pt
    height = min(height or inner.h, inner.h)
    anchor = box.anchor
    y = inner.y + (inner.h - height) / 2 if anchor == "middle" else inner.bottom - height if anchor == "bottom" else inner.y
    width = min(inner.w, _text_width(box, texts) + 2.0)
    align = box.paras[0].align if box.paras else "left"
    x = inner.x + (inner.w - width) / 2 if align == "center" else inner.right - width if align == "right" else inner.x
    return Rect(x, y, width, height)


def _cell_color(run: Run, ground: Ground) -> str:
    """The colour of a run of a table cell: its own, or the ground's for other text."""
    return run.color or ground.text_colors.get("other", "000000")


def _run_color(run: Run, box: TextBox, ground: Ground) -> str:
    if run.color:
        return run.color
    role = _placeholder_role(box, ground) or "other"
    return ground.text_colors.get(role) or ground.text_colors.get("other", "000000")


@record
class LowContrast:
    """A run of text that stays under WCAG AA on what is behind it."""

    slide: int  # 1-based
    text: str
    color: str
    ratio: float
    needed: float
    box: str


def _candidates(theme: Theme) -> dict[str, str]:
    """Scheme colours text may take: the template's, or the built-in theme's."""
    info = theme.template_info
    if info is not None and info.colors:
        slots = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
        return {slot: info.colors[slot] for slot in slots if slot in info.colors}
    roles = ("text", "on_primary", "primary_dark", "background", "primary", "accent", "muted")
    return {role: theme.colors[role] for role in roles if role in theme.colors}


def _saturated(color: str) -> bool:
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) > 60


def choose_color(original: str, ground: list[str], need: float, candidates: dict[str, str], *, secondary: bool = False, coverage: float = COVERAGE) -> str | None:
    """A scheme colour for text first set in ``original`` that reaches ``need`` on
    ``ground``, or None. A coloured text (an emphasis, an X to fill in) keeps a
    colour among the accents where one reaches; secondary text (details) takes
    the quietest colour that still reads, primary text the strongest."""
    scored = [(ratio_over(color, ground, coverage), slot, color) for slot, color in candidates.items()]
    passing = [s for s in scored if s[0] >= need]
    if not passing:
        return None
    accents = [s for s in passing if s[1].startswith("accent") or s[1] in ("primary", "accent")]
    neutrals = [s for s in passing if s not in accents]
    if _saturated(original) and accents:
        return max(accents)[2]
    pool = neutrals or accents
    if secondary:
        comfortable = [s for s in pool if s[0] >= need + 1.0]
        return min(comfortable or pool)[2]
    return max(pool)[2]


def _below(slide: SlidePlan, index: int) -> list[Layer]:
    return _own_layers(slide.elements[:index])


def _runs(box: TextBox):
    for para in box.paras:
        for run in para.runs:
            if run.text.strip():
                yield para, run


def _need(para: Para, run: Run) -> float:
    return needed(run.size_pt or para.size_pt, run.bold or para.bold)


def make_readable(plan: DeckPlan, theme: Theme) -> None:
    """Give every text of ``plan`` a scheme colour that reaches WCAG AA on what is behind
    it, adding a scheme-coloured backdrop where no colour does. Colours the user's
    own theme sets for a built-in base are left as they are (the review reports them)."""
    if theme.template_info is None:
        return
    candidates = _candidates(theme)
    muted = {theme.colors.get("muted", ""), theme.detail_color(99.0)}
    grounds = Grounds(plan, theme)
    _place_numbers(plan, grounds)
    for slide in plan.slides:
        ground = grounds.of(slide)
        below: list[Layer] = []  # the layers of slide.elements[:drawn]
        drawn = 0
        index = 0
        while index < len(slide.elements):
            below.extend(_own_layers(slide.elements[drawn:index]))  # a backdrop put in is one of them
            drawn = index
            box = slide.elements[index]
            if isinstance(box, TextBox) and box.paras:
                if _fix_box(slide, index, box, ground, candidates, muted, below):
                    index += 1  # a backdrop went in before the box
            elif isinstance(box, Table):
                _fix_table(slide, index, box, ground, candidates, muted, below)
            elif isinstance(box, ChartBox):  # its axis and data labels
                samples = ground.colors_under(box.rect, below)
                if ratio_over(box.text_color, samples) < AA_SMALL:
                    box.text_color = choose_color(box.text_color, samples, AA_SMALL, candidates) or box.text_color
            index += 1


def _place_numbers(plan: DeckPlan, grounds: Grounds) -> None:
    """Step every slide number off the template's artwork (:func:`_step_off_pictures`).

    Where the art under a number cannot be seen (an EMF band drawn in white, which
    LibreOffice's drawing of it on white loses), the number goes where it went on
    the deck's slides whose art could be seen, from the same placeholder: a slide
    number keeps one place in a deck, and the unseen art (shtu's 报国 calligraphy on its
    section layout) is not covered by a backdrop."""
    numbers = [(box, grounds.of(slide)) for slide in plan.slides for box in slide.elements if isinstance(box, TextBox) and box.role == "number" and box.paras]
    moved: dict[tuple[float, float, float, float], Rect] = {}
    unseen: list[tuple[TextBox, tuple[float, float, float, float]]] = []
    for box, ground in numbers:
        placed = (box.rect.x, box.rect.y, box.rect.w, box.rect.h)
        _step_off_pictures(box, ground)
        if box.rect.x != placed[0]:
            moved.setdefault(placed, box.rect)
        elif ground.unseen_under(text_extent(box)):
            unseen.append((box, placed))
    for box, placed in unseen:
        to = moved.get(placed)
        if to is not None:
            box.rect = Rect(to.x, to.y, to.w, to.h)
            for para in box.paras:
                para.align = "right"


def _step_off_pictures(box: TextBox, ground: Ground) -> None:
    """A slide number set on a template's emblem or artwork moves left, clear of it."""
    pictures = ground.pictures_under(text_extent(box))
    if box.role != "number" or not pictures:
        return
    left = min(layer.rect.x for layer in pictures) - 4.0
    if left - box.rect.w >= 0:
        box.rect = Rect(left - box.rect.w, box.rect.y, box.rect.w, box.rect.h)
        for para in box.paras:
            para.align = "right"
        return
    # A band of art as wide as the slide (shtu's skyline and calligraphy): step left
    # along it to the nearest place where it draws nothing under the number.
    shift = _blank_shift(ground, text_extent(box))
    if shift:
        box.rect = Rect(box.rect.x - shift, box.rect.y, box.rect.w, box.rect.h)
        for para in box.paras:
            para.align = "right"


#: How far a slide number steps left at a time looking for a blank stretch of a band.
NUMBER_STEP_PT = 8.0


def _blank_shift(ground: Ground, extent: Rect) -> float:
    """How far left ``extent`` must move to lie where no picture draws (0: nowhere)."""
    shift = 0.0
    while True:
        moved = Rect(extent.x - shift, extent.y, extent.w, extent.h)
        if moved.x < 0:
            return 0.0
        if not any(_inked(ground, layer, moved) for layer in ground.pictures_under(moved)):
            return shift
        shift += NUMBER_STEP_PT


def _fix_box(slide: SlidePlan, index: int, box: TextBox, ground: Ground, candidates, muted, below: list[Layer]) -> bool:
    extent = text_extent(box)
    samples = ground.colors_under(extent, below, _placeholder_role(box, ground))
    coverage = ground.coverage(extent)
    unseen = ground.unseen_under(extent, below)  # art we cannot see: a backdrop makes sure
    failing = []
    for para, run in _runs(box):
        color = _run_color(run, box, ground)
        need = _need(para, run)
        if ratio_over(color, samples, coverage) >= need and not unseen:
            continue
        replacement = choose_color(color, samples, need, candidates, secondary=color in muted, coverage=coverage)
        if replacement is None or unseen:
            failing.append((para, run, color, need))
        else:
            run.color = replacement
    if not failing:
        return False
    # No scheme colour reads on this ground: a plain backdrop behind the text, in the
    # scheme colour nearest to the ground (a dark patch on a dark slide).
    light, dark = candidates.get("lt1", "FFFFFF"), candidates.get("dk1", "000000")
    middle = sorted(samples, key=luminance)[len(samples) // 2] if samples else light
    plain = [c for slot, c in candidates.items() if not slot.startswith("accent")] or [light, dark]
    backdrop = min(plain, key=lambda c: abs(luminance(c) - luminance(middle)))
    slide.elements.insert(index, Fill(_backdrop_rect(box), backdrop, name=f"{box.name or 'Text'} backdrop"))
    for para, run in _runs(box):
        color = _run_color(run, box, ground)
        if contrast(color, backdrop) < _need(para, run):
            run.color = choose_color(color, [backdrop], _need(para, run), candidates) or (dark if backdrop == light else light)
    return True


def table_cells(table: Table):
    """Each cell of ``table`` with its rectangle (merged cells as laid out, one per slot)."""
    y = table.rect.y
    for row, height in zip(table.rows, table.row_heights):
        x = table.rect.x
        for cell, width in zip(row, table.col_widths):
            yield cell, Rect(x, y, width, height)
            x += width
        y += height


def _cell_ground(cell, rect: Rect, below: list[Layer], ground: Ground) -> list[str]:
    if cell.fill:
        return [cell.fill]
    return ground.colors_under(rect.inset(CELL_SAMPLE_INSET), below)


def _fix_table(slide: SlidePlan, index: int, table: Table, ground: Ground, candidates, muted, below: list[Layer]) -> None:
    for cell, rect in table_cells(table):
        samples = _cell_ground(cell, rect, below, ground)
        for para in cell.paras:
            for run in para.runs:
                color = _cell_color(run, ground)
                need = _need(para, run)
                if run.text.strip() and ratio_over(color, samples) < need:
                    run.color = choose_color(color, samples, need, candidates, secondary=color in muted) or run.color


def _backdrop_rect(box: TextBox) -> Rect:
    """The text's extent with the box's insets around it: a backdrop hides no more of
    the template than the text needs."""
    extent = text_extent(box)
    x = max(extent.x - box.insets.left - 3.0, box.rect.x)
    right = min(extent.right + box.insets.right + 3.0, box.rect.right)
    return Rect(x, box.rect.y, right - x, box.rect.h)


def low_contrast(plan: DeckPlan, theme: Theme, *, shared: bool = True) -> list[LowContrast]:
    """Every run of text under WCAG AA on what lies behind it, slide by slide.

    The ground of each layout is made once and what lies behind each box over the same
    shapes sampled once (:class:`Grounds`); a box whose every run reaches its ratio on
    every colour that can be drawn under it (:class:`_Palette`) is not sampled at all.
    ``shared=False`` samples every box afresh, with the same findings."""
    out = []
    grounds = Grounds(plan, theme, shared=shared)
    # by samples (Counters the grounds keep, so no id is reused), colour, coverage
    ratios: dict[tuple[int, str, float], float] = {}
    palettes: dict[int, _Palette | None] = {}  # by ground (kept alive by grounds)

    def ratio(color: str, samples: Counter[str], coverage: float = COVERAGE) -> float:
        if not shared:
            return ratio_over(color, samples, coverage)
        key = (id(samples), color, coverage)
        value = ratios.get(key)
        if value is None:
            value = ratios[key] = ratio_over(color, samples, coverage)
        return value

    for number, slide in enumerate(plan.slides, start=1):
        ground = grounds.of(slide)
        palette: _Palette | None = None
        if shared:
            key = id(ground)
            if key not in palettes:
                palettes[key] = _Palette.of_ground(ground)
            palette = palettes[key]
        below: list[Layer] = []  # the slide's own shapes drawn before the element
        for index, box in enumerate(slide.elements):
            if not shared:
                below = _below(slide, index)
            if isinstance(box, Table):
                if palette is None or not palette.table_reads(box, ground, below):
                    for cell, rect in table_cells(box):
                        samples = _counted_cell_ground(cell, rect, below, ground) if shared else Counter(_cell_ground(cell, rect, below, ground))
                        for para in cell.paras:
                            for run in para.runs:
                                color = _cell_color(run, ground)
                                value = ratio(color, samples)
                                if run.text.strip() and value < _need(para, run):
                                    out.append(LowContrast(number, run.text, color, value, _need(para, run), box.name or "table"))
            elif isinstance(box, TextBox) and box.paras:
                if palette is None or not palette.box_reads(box, ground, below):
                    extent = text_extent(box)
                    role = _placeholder_role(box, ground)
                    samples = ground.counted_under(extent, below, role) if shared else Counter(ground.colors_under(extent, below, role))
                    coverage = ground.coverage(extent)
                    for para, run in _runs(box):
                        color = _run_color(run, box, ground)
                        value = ratio(color, samples, coverage)
                        if value < _need(para, run):
                            out.append(LowContrast(number, run.text, color, value, _need(para, run), box.name or box.role))
            if shared:
                below.extend(_own_layers([box]))
    return out


class _Palette:
    """The colours that can be sampled behind a text on one ground, where these are few
    and known: a plain (or no) background, then the plain decorations and the slide's
    own plain fills that reach into the box (one that holds the whole box hides what is
    under it), and the placeholders' plain fills. A picture, a gradient or a
    translucent shape reaching into the box may paint any colour: that box is sampled.

    Contrast with the samples behind a box (:func:`ratio_over`) is that with one of
    them, so a text that reaches its ratio on every colour that can lie behind its box
    reaches it on the samples too, and need not be sampled: the same findings without
    the sampling."""

    def __init__(self, background: str, fills: dict[str, Paint], layers: list[Layer]) -> None:
        self.background = background
        self.fills = fills  # the placeholders' own, by role: drawn over the rest
        self.layers = layers  # the ground's decorations
        self._contrast: dict[tuple[str, str], float] = {}

    @classmethod
    def of_ground(cls, ground: Ground) -> _Palette | None:
        """The palette of ``ground``; None when a picture or gradient background may put
        any colour under every box."""
        background = ground.background
        if background is None:
            color = "FFFFFF"
        elif background.kind == "solid" and background.alpha >= 0.98:
            color = background.color
        else:
            return None
        return cls(color, ground.placeholder_fills, ground.layers)

    def behind(self, rect: Rect, below: list[Layer], placeholder: str = "") -> list[str] | None:
        """Every colour that can lie behind ``rect`` over the slide's shapes ``below``, in
        the ``placeholder`` it fills (see :meth:`Ground.color_at`); None when something
        that may paint any colour reaches into it."""
        fill = self.fills.get(placeholder) if placeholder else None
        if fill is not None and fill.kind == "solid":
            # the placeholder's own fill is drawn over all the rest
            return [fill.color] if fill.alpha >= 0.98 else None
        x0, x1, y0, y1 = rect.x, rect.x + rect.w, rect.y, rect.y + rect.h
        colors = [self.background]
        for layers in (self.layers, below):
            for layer in layers:
                if _reaches(layer.rect, x0, x1, y0, y1):
                    color = layer.plain_color()
                    if color is None:
                        return None
                    if color:
                        if layer.plain_over(x0, x1, y0, y1):
                            colors = [color]
                        else:
                            colors.append(color)
        return colors

    def reads(self, runs, colors: list[str] | None) -> bool:
        """Whether every (colour, ratio needed) of ``runs`` reaches its ratio on each of
        ``colors`` (None: not known)."""
        if colors is None:
            return False
        known = self._contrast
        for text, need in runs:
            for color in colors:
                value = known.get((text, color))
                if value is None:
                    value = known[(text, color)] = contrast(text, color)
                if value < need:
                    return False
        return True

    def box_reads(self, box: TextBox, ground: Ground, below: list[Layer]) -> bool:
        """Whether every run of ``box`` reads on whatever can lie behind its text (inside its insets)."""
        runs = ((_run_color(run, box, ground), _need(para, run)) for para, run in _runs(box))
        return self.reads(runs, self.behind(_inner(box), below, _placeholder_role(box, ground)))

    def table_reads(self, table: Table, ground: Ground, below: list[Layer]) -> bool:
        """Whether every run of ``table`` reads on its cell's fill, or (an unfilled cell)
        on whatever can lie behind the table."""
        behind: list[str] | None = None
        looked = False
        for row in table.rows:
            for cell in row:
                runs = [(_cell_color(run, ground), _need(para, run)) for para in cell.paras for run in para.runs if run.text.strip()]
                if not runs:
                    continue
                if cell.fill:
                    colors: list[str] | None = [cell.fill]
                else:
                    if not looked:
                        behind, looked = self.behind(_sampled_area(table), below), True
                    colors = behind
                if not self.reads(runs, colors):
                    return False
        return True


def _sampled_area(table: Table) -> Rect:
    """Where the samples behind ``table``'s cells lie (:func:`_cell_ground`): the cells
    inset as they are sampled (a cell under twice the inset is sampled out of it)."""
    xs: list[float] = []
    ys: list[float] = []
    for _, rect in table_cells(table):
        inner = rect.inset(CELL_SAMPLE_INSET)
        xs += (inner.x, inner.x + inner.w)
        ys += (inner.y, inner.y + inner.h)
    if not xs:
        return table.rect
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _counted_cell_ground(cell, rect: Rect, below: list[Layer], ground: Ground) -> Counter[str]:
    """:func:`_cell_ground`, counted (and shared: see :meth:`Ground.counted_under`)."""
    if cell.fill:
        known = ground._counted.get(cell.fill)
        if known is None:
            known = ground._counted[cell.fill] = Counter([cell.fill])
        return known
    return ground.counted_under(rect.inset(CELL_SAMPLE_INSET), below)


def _inked(ground: Ground, layer: Layer, extent: Rect) -> bool:
    """Whether ``layer`` (a picture) draws anything visible where it overlaps
    ``extent``: a wide picture of sparse line art may leave the text's area blank."""
    x0, x1 = max(extent.x, layer.rect.x), min(extent.right, layer.rect.right)
    y0, y1 = max(extent.y, layer.rect.y), min(extent.bottom, layer.rect.bottom)
    others = [other for other in ground.layers if other is not layer]
    without = Ground(ground.width, ground.height, ground.background, others, pictures=ground.pictures)
    steps = 12
    inked = 0
    for j in range(steps):
        for i in range(steps):
            x, y = x0 + (x1 - x0) * (i + 0.5) / steps, y0 + (y1 - y0) * (j + 0.5) / steps
            if abs(luminance(ground.color_at(x, y)) - luminance(without.color_at(x, y))) > 0.1:
                inked += 1
    return inked > 0.03 * steps * steps


def decorations_under(ground: Ground, box: TextBox) -> list[str]:
    """What of the template's decorations ``box``'s text lies on, said for a reader:
    pictures and fixed texts by name, and artwork in a busy part of the background picture."""
    extent = text_extent(box)
    found = []
    for layer in ground.layers:
        r = layer.rect
        dx = min(extent.right, r.right) - max(extent.x, r.x)
        dy = min(extent.bottom, r.bottom) - max(extent.y, r.y)
        if dx < COVER_MIN_PT or dy < COVER_MIN_PT:
            continue
        if r.w >= ground.width * 0.9 and r.h >= ground.height * 0.9:
            continue  # a full-slide panel is a background, not a decoration
        if layer.text:
            found.append(f"the template's fixed text “{layer.text[:12]}”")
        elif layer.paint is not None and layer.paint.kind == "picture" and _inked(ground, layer, extent):
            found.append(f"the template's picture “{layer.name}”" if layer.name else "a picture of the template")
    if ground.busy_background(extent):
        found.append("artwork in the template's background picture")
    return found
