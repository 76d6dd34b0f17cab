"""A parliament chart: seats as dots on a half circle, drawn by the server.

Rows of seats sit on concentric arcs; each arc holds seats in proportion to
its length, and the seats are handed out left to right, one party after the
other, as parliaments seat them. The template draws the dots; this module
only places them.
"""

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 400, 210
CENTRE_X, CENTRE_Y, OUTER = 200, 200, 190


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Bench:
    """One party's seats in the chart: its dots and its colour index."""

    label: str
    seats: int
    colour: int
    dots: list[Dot]


def _rows_for(seats: int) -> int:
    return max(1, min(16, math.ceil(math.sqrt(seats / 2.5))))


def _per_row(seats: int, radii: list[float]) -> list[int]:
    total = sum(radii)
    counts = [int(seats * radius / total) for radius in radii]
    # Seats left by rounding down go to the outer rows, which have the most room.
    for index in range(seats - sum(counts)):
        counts[-1 - index % len(counts)] += 1
    return counts


def places(seats: int) -> list[Dot]:
    """`seats` dots from the left end of the half circle to the right."""
    if seats <= 0:
        return []
    rows = _rows_for(seats)
    inner = OUTER * (0.35 if rows > 1 else 1)
    radii = [inner + (OUTER - inner) * row / max(rows - 1, 1) for row in range(rows)]
    size = min((OUTER - inner) / max(rows - 1, 1) * 0.4, math.pi * OUTER / (2 * seats) * 2.2, 14)
    found = []
    for radius, count in zip(radii, _per_row(seats, radii), strict=True):
        for index in range(count):
            angle = math.pi * (1 - (index / (count - 1) if count > 1 else 0.5))
            found.append((angle, radius))
    found.sort(key=lambda place: (-place[0], place[1]))
    size = round(size, 1)
    return [
        Dot(round(CENTRE_X + radius * math.cos(angle), 1), round(CENTRE_Y - radius * math.sin(angle), 1), size)
        for angle, radius in found
    ]


def benches(rows: list[tuple[str, int, int]]) -> list[Bench]:
    """The chart's benches for (label, seats, colour index) in seating order."""
    dots = places(sum(seats for _label, seats, _colour in rows))
    found, start = [], 0
    for label, seats, colour in rows:
        if seats:
            found.append(Bench(label, seats, colour, dots[start : start + seats]))
            start += seats
    return found
