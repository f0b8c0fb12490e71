"""Pictures drawn with Pillow for demo content and tests (no downloads): a stylised scene
chosen by name, deterministic for a seed."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

SCENES = ("skyline", "river", "lake", "pagoda", "market", "meeting", "park", "bridge")
PALETTES = [
    ((27, 54, 93), (241, 143, 1), (255, 214, 165)),
    ((12, 74, 110), (96, 165, 250), (224, 242, 254)),
    ((22, 101, 52), (134, 239, 172), (240, 253, 244)),
    ((127, 29, 29), (251, 191, 36), (254, 243, 199)),
    ((76, 29, 149), (196, 181, 253), (245, 243, 255)),
]


def draw_scene(scene: str, seed: int, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A JPEG of ``scene`` (one of :data:`SCENES`) whose details follow ``seed``."""
    rng = random.Random(f"{scene}:{seed}")
    deep, mid, light = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):
        t = y / horizon
        colour = tuple(int(light[i] * (1 - t) + mid[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_r = rng.randint(width // 5, 4 * width // 5), rng.randint(40, 80)
    draw.ellipse(
        [sun_x - sun_r, horizon // 3 - sun_r, sun_x + sun_r, horizon // 3 + sun_r],
        fill=(255, 236, 179),
    )
    if scene in ("river", "lake", "bridge"):
        draw.rectangle([0, horizon, width, height], fill=tuple(max(c - 40, 0) for c in mid))
        for _ in range(25):
            x, y = rng.randint(0, width), rng.randint(horizon + 5, height)
            draw.line([(x, y), (x + rng.randint(20, 90), y)], fill=light, width=2)
        if scene == "bridge":
            for i in range(0, width, 120):
                draw.arc([i, horizon - 80, i + 120, horizon + 80], 180, 360, fill=deep, width=8)
            draw.rectangle([0, horizon - 6, width, horizon + 4], fill=deep)
    else:
        draw.rectangle([0, horizon, width, height], fill=tuple(max(c - 25, 0) for c in mid))
    if scene in ("skyline", "market", "meeting"):
        x = 0
        while x < width:
            w, h = rng.randint(50, 140), rng.randint(80, horizon - 40)
            draw.rectangle([x, horizon - h, x + w, horizon], fill=deep)
            for wy in range(horizon - h + 12, horizon - 12, 22):
                for wx in range(x + 8, x + w - 12, 18):
                    if rng.random() < 0.4:
                        draw.rectangle([wx, wy, wx + 8, wy + 10], fill=light)
            x += w + rng.randint(4, 20)
    if scene in ("pagoda", "lake"):
        cx, base = width // 2 + rng.randint(-200, 200), horizon
        for level in range(rng.randint(3, 6)):
            w = 220 - level * 32
            top = base - 55
            draw.rectangle([cx - w // 2 + 15, top + 12, cx + w // 2 - 15, base], fill=deep)
            draw.polygon(
                [(cx - w // 2 - 20, top + 14), (cx + w // 2 + 20, top + 14), (cx, top - 10)],
                fill=deep,
            )
            base = top
    if scene in ("park", "lake", "river"):
        for _ in range(rng.randint(6, 14)):
            x, r = rng.randint(0, width), rng.randint(25, 60)
            draw.rectangle([x - 4, horizon - 10, x + 4, horizon + 40], fill=deep)
            draw.ellipse(
                [x - r, horizon - 10 - 2 * r, x + r, horizon - 10],
                fill=tuple(max(c - 60, 0) for c in mid),
            )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
