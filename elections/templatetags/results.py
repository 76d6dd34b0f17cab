from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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
