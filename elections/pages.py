"""What the election pages show, gathered in a fixed number of queries.

The page, the embed and the live block share `figures_context`: the whole
election's lines, its units (figures, lines, map), and its seats. However
many units, it costs the same queries: the election with its seat rule, its
lines, the units' figures with their units, and their lines.
"""

from django.shortcuts import get_object_or_404

from elections import parliament, seats, tilemap
from elections.models import Election, SeatRule
from elections.recording import units_of

MAP_MODES = ("leader", "turnout")


def get_election(slug: str) -> Election:
    return get_object_or_404(Election.objects.select_related("seat_rule"), slug=slug)


def figures_context(election: Election, *, map_mode: str = "leader") -> dict:
    results = list(election.results.ranked())
    units = units_of(election)
    ranking = [result.label for result in results if result.candidate_id]
    context = {"election": election, "results": results, "units": units, "seats": seat_table(election, results)}
    context["has_votes"] = any(result.votes is not None for result in results)
    if units:
        context["tile_map"] = tilemap.tile_map(units, national_ranking=ranking, mode=_mode(map_mode))
        context["units_reporting"] = sum(1 for unit in units if unit.figures.is_reporting)
    return context


def _mode(requested: str) -> str:
    return requested if requested in MAP_MODES else "leader"


def seat_rule_of(election: Election) -> SeatRule | None:
    try:
        return election.seat_rule
    except SeatRule.DoesNotExist:
        return None


def seat_table(election: Election, results) -> dict | None:
    """The allocation of the election's seat rule from its lists' votes, with the chart's benches."""
    rule = seat_rule_of(election)
    if rule is None:
        return None
    lists = [result for result in results if result.candidate_id]
    if not lists or any(result.votes is None for result in lists):
        return {"rule": rule, "allocation": None}
    parties = [seats.Party(result.label, result.votes, result.percent) for result in lists]
    allocation = seats.allocate(parties, seats=rule.seats, method=rule.method, threshold=rule.threshold)
    palette = tilemap.colours([result.label for result in lists])
    won = [(row.party.label, row.seats, palette.get(row.party.label, "other")) for row in allocation.rows]
    return {"rule": rule, "allocation": allocation, "benches": parliament.benches(won), "palette": palette}
