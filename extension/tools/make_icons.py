"""Draws the toolbar icons (a page with a masthead rule) as PNGs, with the standard library only.

Run once after changing the design: python3 tools/make_icons.py
"""

import struct
import zlib
from pathlib import Path

INK = (47, 94, 145, 255)
PAPER = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    """The colour at (x, y) in a unit square: a rounded ink tile, a masthead bar, three lines."""
    r = 0.18
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return CLEAR
    if 0.2 <= x <= 0.8 and 0.2 <= y <= 0.36:
        return PAPER
    for top in (0.48, 0.62, 0.76):
        right = 0.8 if top < 0.7 else 0.6
        if 0.2 <= x <= right and top <= y <= top + 0.07:
            return PAPER
    return INK


def png(size: int) -> bytes:
    rows = bytearray()
    samples = 4
    for j in range(size):
        rows.append(0)
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(samples):
                for si in range(samples):
                    c = pixel((i + (si + 0.5) / samples) / size, (j + (sj + 0.5) / samples) / size)
                    for k in range(4):
                        acc[k] += c[k]
            rows.extend(v // (samples * samples) for v in acc)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "src" / "icons"
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(png(size))
