"""A tile-grid map of an election's reporting units: one equal square per unit.

Each unit's tile sits where the editor put it (row and column in the admin),
so the grid echoes the country's shape without any geodata. A tile is
coloured by who leads there or by turnout, and always carries text too (the
unit's short name and the leader's initials or the turnout), so colour is
never the only signal. Colours are chosen for white text at 4.5:1 or more.
"""

from dataclasses import dataclass
from decimal import Decimal

from elections.rollup import UnitLines

TILE, GAP = 56, 4
PALETTE_SIZE = 6  # leaders beyond the first six share the "other" colour
TURNOUT_STEPS = (Decimal(40), Decimal(50), Decimal(60), Decimal(70))


@dataclass(frozen=True)
class Tile:
    unit: UnitLines
    x: int
    y: int
    leader: object | None  # the UnitResult that leads, if the unit reports
    colour: str  # a CSS class suffix
    caption: str  # the second line of text on the tile

    @property
    def figures(self):
        return self.unit.figures

    @property
    def reporting(self) -> bool:
        return self.figures.is_reporting and self.leader is not None


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    mode: str
    legend: list[tuple[str, str, str]]  # (colour, initials, label)

    @property
    def reporting(self) -> int:
        return sum(1 for tile in self.tiles if tile.reporting)


def initials(label: str) -> str:
    words = [word for word in label.replace("-", " ").split() if word[:1].isalpha()]
    if len(words) > 1:
        return "".join(word[0] for word in words[:3]).upper()
    return label[:3].upper()


def leader_of(unit: UnitLines):
    ranked = sorted(unit.figures.results.all(), key=lambda result: (-result.percent, result.position))
    candidates = [result for result in ranked if result.candidate_id]
    return candidates[0] if candidates else None


def colours(national_ranking: list[str]) -> dict[str, str]:
    """A colour per leading candidate or party, in the order of the national result."""
    return {label: f"c{index}" for index, label in enumerate(national_ranking[:PALETTE_SIZE])}


def turnout_colour(turnout: Decimal | None) -> str:
    if turnout is None:
        return "none"
    return f"t{sum(1 for step in TURNOUT_STEPS if turnout >= step)}"


def tile_map(units: list[UnitLines], *, national_ranking: list[str], mode: str = "leader") -> TileMap:
    palette = colours(national_ranking)
    tiles = [_tile(unit, palette, mode) for unit in units]
    columns = max((unit.figures.unit.map_column for unit in units), default=0) + 1
    rows = max((unit.figures.unit.map_row for unit in units), default=0) + 1
    legend = []
    if mode == "leader":
        shown = {tile.leader.label for tile in tiles if tile.leader is not None}
        legend = [(palette.get(name, "other"), initials(name), name) for name in national_ranking if name in shown]
    return TileMap(tiles, columns * (TILE + GAP), rows * (TILE + GAP), mode, legend)


def _tile(unit: UnitLines, palette: dict[str, str], mode: str) -> Tile:
    place = unit.figures.unit
    leader = leader_of(unit) if unit.figures.is_reporting else None
    x, y = place.map_column * (TILE + GAP), place.map_row * (TILE + GAP)
    if leader is None:
        return Tile(unit, x, y, None, "none", "…")
    if mode == "turnout":
        turnout = unit.figures.turnout
        caption = f"{turnout:.0f}%" if turnout is not None else "…"
        return Tile(unit, x, y, leader, turnout_colour(turnout), caption)
    return Tile(unit, x, y, leader, palette.get(leader.label, "other"), initials(leader.label))
