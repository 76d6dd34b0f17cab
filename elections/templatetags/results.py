from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from elections.models import Statement

register = template.Library()


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
