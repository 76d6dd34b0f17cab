from collections import Counter
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elections.models import Election, Outcome, Statement

register = template.Library()


@register.filter
def percent(value) -> str:
    """A share for the reader's language: "81.31%" in English, "81,31 %" in Russian."""
    if value is None:
        return "—"
    return _("%(number)s%%") % {"number": number_format(value, 2, use_l10n=True, force_grouping=True)}


@register.filter
def count(value) -> str:
    """A count for the reader's language: "8,300,046" in English, "8 300 046" in Russian."""
    if value is None:
        return "—"
    return number_format(value, 0, use_l10n=True, force_grouping=True)


@register.simple_tag
def outcome(election: Election, results) -> Outcome:
    return election.outcome(list(results))


@register.simple_tag
def attribution(statement: Statement, results) -> str:
    """The line after a quote, built from the candidate's result in `results`.

    "said Zhiguli Dairabayev, who won 3.42 percent of the vote"
    """
    result = next((line for line in results if line.candidate_id == statement.candidate_id), None)
    name = statement.candidate.name
    if result is None:
        if statement.manner == Statement.Manner.SAID:
            return _("said %(name)s") % {"name": name}
        return _("%(name)s %(manner)s") % {"name": name, "manner": statement.get_manner_display()}
    values = {"name": name, "percent": number_format(result.percent, 2), "manner": statement.get_manner_display()}
    if statement.manner == Statement.Manner.SAID:
        return _("said %(name)s, who won %(percent)s percent of the vote") % values
    return _("%(name)s, who won %(percent)s percent of the vote, %(manner)s") % values


@register.filter
def any_votes(results) -> bool:
    """Whether a Votes column would show anything: not when the authority gave shares only."""
    return any(result.votes is not None for result in results)


@register.filter
def fraction(value) -> str:
    """A quotient or average from the seat arithmetic, to two decimals."""
    return number_format(Decimal(value.numerator) / Decimal(value.denominator), 2, use_l10n=True, force_grouping=True)


@register.filter
def get_colour(palette: dict, label: str) -> str:
    return palette.get(label, "other")


@register.simple_tag
def tile_label(tile) -> str:
    """What a screen reader hears for a map tile: the unit, and who leads or the turnout."""
    name = tile.figures.unit.name
    if not tile.reporting:
        return _("%(unit)s: no figures yet") % {"unit": name}
    values = {"unit": name, "leader": tile.leader.label, "share": percent(tile.leader.percent)}
    if tile.colour.startswith("t"):
        return _("%(unit)s: turnout %(turnout)s") % {"unit": name, "turnout": percent(tile.figures.turnout)}
    return _("%(unit)s: %(leader)s leads with %(share)s") % values


@register.simple_tag
def map_summary(tile_map) -> str:
    """The map in one sentence: who leads where, or the turnout's range."""
    reporting = [tile for tile in tile_map.tiles if tile.reporting]
    if not reporting:
        return _("No region has reported yet.")
    if tile_map.mode == "turnout":
        turnouts = [tile.figures.turnout for tile in reporting if tile.figures.turnout is not None]
        if not turnouts:
            return _("No region has reported its turnout yet.")
        return _("Turnout ranges from %(low)s to %(high)s across the regions that reported.") % {
            "low": percent(min(turnouts)),
            "high": percent(max(turnouts)),
        }
    leads = Counter(tile.leader.label for tile in reporting)
    parts = [
        ngettext("%(leader)s leads in %(count)s region", "%(leader)s leads in %(count)s regions", n)
        % {"leader": label, "count": n}
        for label, n in leads.most_common()
    ]
    return _("%(leads)s.") % {"leads": "; ".join(parts)}
