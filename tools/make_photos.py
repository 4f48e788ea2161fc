"""Draw the sample deck's example photos (our own flat illustrations, no third-party
pictures): a sorting centre, a delivery van on a village road, a service station.

    python tools/make_photos.py      # writes decks/images/*.jpg

Deterministic: the same script gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "decks" / "images"
W, H = 1600, 1000


def _sky(draw: ImageDraw.ImageDraw, top: tuple[int, int, int], bottom: tuple[int, int, int], height: int) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (W, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))


def _parcel(draw: ImageDraw.ImageDraw, x: int, y: int, w: int, h: int, tone: int) -> None:
    base = (196 - tone, 150 - tone, 96 - tone // 2)
    draw.rectangle([x, y, x + w, y + h], fill=base, outline=(120, 86, 50), width=3)
    draw.rectangle([x + w // 2 - 8, y, x + w // 2 + 8, y + h], fill=(230, 210, 170))


def sorting_centre() -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    _sky(draw, (214, 226, 232), (240, 244, 246), H)
    for i in range(9):  # roof trusses
        x = 80 + i * 180
        draw.line([(x, 0), (x + 90, 160), (x + 180, 0)], fill=(170, 182, 190), width=6)
    draw.rectangle([0, 160, W, 176], fill=(150, 162, 170))
    for lane, y in enumerate((520, 700)):  # two conveyor belts with parcels
        draw.rectangle([0, y, W, y + 40], fill=(60, 70, 78))
        for k in range(0, W, 60):
            draw.line([(k, y + 40), (k + 30, y + 70)], fill=(90, 100, 108), width=6)
        for k in range(8):
            _parcel(draw, 60 + k * 190 + lane * 70, y - 90 - (k % 3) * 14, 120 + (k % 2) * 30, 90 + (k % 3) * 14, (k * 13) % 40)
    draw.rectangle([0, 820, W, H], fill=(120, 128, 132))
    for k in range(0, W, 200):
        draw.rectangle([k + 20, 860, k + 120, 872], fill=(230, 190, 60))
    return image


def delivery_van() -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    _sky(draw, (150, 200, 235), (225, 240, 250), 600)
    draw.polygon([(0, 600), (300, 380), (620, 600)], fill=(110, 160, 110))
    draw.polygon([(400, 600), (820, 330), (1250, 600)], fill=(90, 145, 95))
    draw.polygon([(1000, 600), (1350, 420), (1600, 560), (1600, 600)], fill=(120, 170, 115))
    draw.rectangle([0, 600, W, H], fill=(140, 190, 110))
    draw.polygon([(560, H), (760, 600), (840, 600), (1160, H)], fill=(150, 150, 150))
    for y in range(640, H, 70):
        draw.rectangle([790, y, 810, y + 30], fill=(245, 245, 245))
    van = (0, 112, 60)
    draw.rounded_rectangle([300, 640, 760, 860], 24, fill=van)  # cargo box
    draw.polygon([(760, 700), (900, 700), (960, 780), (960, 860), (760, 860)], fill=van)  # cab
    draw.polygon([(780, 715), (890, 715), (935, 775), (780, 775)], fill=(200, 230, 240))
    draw.rectangle([340, 700, 720, 760], fill=(255, 255, 255))
    draw.rectangle([360, 715, 700, 745], fill=(217, 163, 0))
    for cx in (420, 860):
        draw.ellipse([cx - 55, 815, cx + 55, 925], fill=(40, 40, 40))
        draw.ellipse([cx - 22, 848, cx + 22, 892], fill=(180, 180, 180))
    for k in range(6):  # village houses
        x = 1080 + k * 85
        draw.rectangle([x, 540 - (k % 2) * 20, x + 70, 600], fill=(235, 225, 210))
        draw.polygon([(x - 8, 540 - (k % 2) * 20), (x + 35, 505 - (k % 2) * 20), (x + 78, 540 - (k % 2) * 20)], fill=(150, 70, 50))
    return image


def service_station() -> Image.Image:
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    _sky(draw, (190, 215, 235), (235, 243, 250), 620)
    draw.rectangle([0, 620, W, H], fill=(205, 200, 190))
    draw.rectangle([260, 300, 1340, 680], fill=(246, 242, 234), outline=(180, 170, 150), width=4)
    draw.rectangle([220, 250, 1380, 320], fill=(0, 112, 60))
    draw.rectangle([260, 268, 1340, 302], fill=(217, 163, 0))
    for k in range(3):  # windows and a door
        x = 330 + k * 260
        draw.rectangle([x, 380, x + 190, 560], fill=(170, 205, 225), outline=(120, 130, 140), width=4)
        draw.line([(x + 95, 380), (x + 95, 560)], fill=(120, 130, 140), width=4)
    draw.rectangle([1120, 400, 1260, 680], fill=(120, 90, 60))
    for k in range(4):  # parcel lockers
        x = 60 + k * 45
        draw.rectangle([x, 470, x + 40, 680], fill=(0, 92, 50), outline=(230, 230, 230), width=2)
        for y in range(490, 680, 42):
            draw.line([(x, y), (x + 40, y)], fill=(230, 230, 230), width=2)
    for k in range(5):
        _parcel(draw, 1400 + (k % 2) * 70, 600 - k * 50, 90, 50, k * 8)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("sorting-centre", sorting_centre), ("delivery-van", delivery_van), ("service-station", service_station)):
        draw().save(OUT / f"{name}.jpg", format="JPEG", quality=88, optimize=False, progressive=False)
        print(OUT / f"{name}.jpg")


if __name__ == "__main__":
    main()
