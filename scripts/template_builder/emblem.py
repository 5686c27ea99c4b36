"""Pictures drawn by code, byte for byte repeatable: the "LAMBANG" placeholder frame of the
shipped templates, and a made-up test emblem (never a real coat of arms) for docs and tests."""

from __future__ import annotations

import struct
import zlib

GLYPHS = {
    "L": ("10000", "10000", "10000", "10000", "10000", "10000", "11111"),
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "M": ("10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "B": ("11110", "10001", "10001", "11110", "10001", "10001", "11110"),
    "N": ("10001", "11001", "10101", "10011", "10001", "10001", "10001"),
    "G": ("01110", "10001", "10000", "10111", "10001", "10001", "01111"),
    "U": ("10001", "10001", "10001", "10001", "10001", "10001", "01110"),
    "J": ("00111", "00010", "00010", "00010", "00010", "10010", "01100"),
    "I": ("01110", "00100", "00100", "00100", "00100", "00100", "01110"),
}


def png(width: int, height: int, rows: list[bytes], color: bool) -> bytes:
    """A PNG from raw rows (grey: 1 byte per pixel; colour: 3)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if color else 0, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _text(canvas: list[list[int]], word: str, scale: int, top: int, ink: int) -> None:
    width = len(canvas[0])
    columns = len(word) * 6 - 1
    left = (width - columns * scale) // 2
    for i, letter in enumerate(word):
        for y, line in enumerate(GLYPHS[letter]):
            for x, bit in enumerate(line):
                if bit == "1":
                    for dy in range(scale):
                        row = canvas[top + y * scale + dy]
                        for dx in range(scale):
                            row[left + (i * 6 + x) * scale + dx] = ink


def placeholder(size: int = 240) -> bytes:
    """A light frame with LAMBANG in its middle: where the office's emblem goes."""
    canvas = [[255] * size for _ in range(size)]
    for y in range(size):
        for x in range(size):
            inset = min(x, y, size - 1 - x, size - 1 - y)
            if 6 <= inset < 10:
                canvas[y][x] = 110
            elif inset >= 10:
                canvas[y][x] = 246
    _text(canvas, "LAMBANG", 4, (size - 28) // 2, 110)
    return png(size, size, [bytes(row) for row in canvas], color=False)


def sample_emblem(word: str = "UJI", size: int = 240,
                fill: tuple[int, int, int] = (22, 110, 60)) -> bytes:
    """A made-up shield for documentation and tests, marked with ``word``."""
    gold, white = (212, 170, 40), (255, 255, 255)
    rows = []
    centre = size / 2
    for y in range(size):
        row = bytearray()
        for x in range(size):
            # a shield: straight sides, a round bottom
            inside = 20 <= x < size - 20 and y >= 16 and (
                y < size * 0.55 or (x - centre) ** 2 + (y - size * 0.55) ** 2
                < (centre - 20) ** 2)
            edge = inside and not (28 <= x < size - 28 and y >= 24 and (
                y < size * 0.55 or (x - centre) ** 2 + (y - size * 0.55) ** 2
                < (centre - 28) ** 2))
            row += bytes(gold if edge else fill if inside else white)
        rows.append(row)
    canvas = [list(r) for r in rows]
    grey = [[255] * size for _ in range(size)]
    _text(grey, word, 8, size // 2 - 40, 0)
    for y in range(size):
        for x in range(size):
            if grey[y][x] == 0:
                canvas[y][x * 3:x * 3 + 3] = gold
    return png(size, size, [bytes(r) for r in canvas], color=True)
