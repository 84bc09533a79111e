#!/usr/bin/env python3
"""Draws windows/app.ico, the executable's icon: a blue rounded square with a white tick
(the setup done), at 16, 24, 32, 48 and 256 pixels. Standard library only; run it again after
changing the drawing:

    python3 windows/make_icon.py
"""
import os
import struct
import zlib

BLUE = (11, 92, 255)  # the blue of Zoom's own buttons
WHITE = (255, 255, 255)
SIZES = [16, 24, 32, 48, 256]
SAMPLES = 4  # per pixel and axis, for smooth edges


def inside_rounded_square(x, y):
    """(x, y) in 0..1: inside the square with rounded corners and a small margin."""
    margin, radius = 0.04, 0.22
    lo, hi = margin + radius, 1 - margin - radius
    dx = max(lo - x, 0, x - hi)
    dy = max(lo - y, 0, y - hi)
    return dx * dx + dy * dy <= radius * radius and margin <= x <= 1 - margin and margin <= y <= 1 - margin


def near_segment(x, y, ax, ay, bx, by, width):
    """(x, y) within width/2 of the segment from (ax, ay) to (bx, by)."""
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)))
    px, py = ax + t * vx - x, ay + t * vy - y
    return px * px + py * py <= (width / 2) ** 2


def on_tick(x, y):
    width = 0.15
    return near_segment(x, y, 0.25, 0.52, 0.43, 0.70, width) or near_segment(
        x, y, 0.43, 0.70, 0.76, 0.32, width
    )


def pixels(size):
    """Rows top to bottom of (r, g, b, a)."""
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            square = tick = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) / size
                    y = (py + (sy + 0.5) / SAMPLES) / size
                    if inside_rounded_square(x, y):
                        square += 1
                        if on_tick(x, y):
                            tick += 1
            n = SAMPLES * SAMPLES
            if square == 0:
                row.append((0, 0, 0, 0))
                continue
            # Colour: the tick's share of the square's covered samples; alpha: the coverage.
            share = tick / square
            colour = tuple(round(b + (w - b) * share) for b, w in zip(BLUE, WHITE))
            row.append(colour + (round(255 * square / n),))
        rows.append(row)
    return rows


def bmp_entry(size, rows):
    """An icon image as Windows stores it: a BITMAPINFOHEADER, BGRA rows bottom to top, and
    the AND mask (all zero: the alpha channel decides)."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    data = b"".join(bytes((b, g, r, a)) for row in reversed(rows) for (r, g, b, a) in row)
    mask_row = ((size + 31) // 32) * 4
    return header + data + bytes(mask_row * size)


def png_entry(size, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\0" + b"".join(bytes(p) for p in row) for row in rows)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    images = []
    for size in SIZES:
        rows = pixels(size)
        # 256 px as PNG (what Windows Vista and later expect at that size), the rest as BMP.
        images.append((size, png_entry(size, rows) if size == 256 else bmp_entry(size, rows)))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for size, data in images:
        dim = 0 if size == 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.ico")
    with open(path, "wb") as f:
        f.write(header + directory + b"".join(data for _, data in images))
    print(f"wrote {path} ({offset} bytes)")


if __name__ == "__main__":
    main()
