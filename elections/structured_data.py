"""schema.org data for election pages: the results as a Dataset search engines can read.

There is no schema.org type for an election result; Google and others read
`Dataset` (name, description, spatial and temporal coverage, the creator,
downloadable distributions), which is what the page offers.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from elections.models import Election, UnitFigures


def _distributions(election: Election, absolute: Callable[[str], str]) -> list[dict]:
    return [
        {
            "@type": "DataDownload",
            "encodingFormat": kind,
            "contentUrl": absolute(reverse(name, kwargs={"slug": election.slug})),
        }
        for kind, name in (("text/csv", "elections:results_csv"), ("application/json", "elections:results_json"))
    ]


def election_dataset(election: Election, absolute: Callable[[str], str], description: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": election.name,
        "description": description,
        "url": absolute(election.get_absolute_url()),
        "temporalCoverage": election.date.isoformat(),
        "spatialCoverage": {"@type": "Place", "name": election.country},
        "creator": {"@type": "Organization", "name": election.authority_name},
        "isAccessibleForFree": True,
        "distribution": _distributions(election, absolute),
    }
    if election.announced_at:
        data["dateModified"] = election.announced_at.isoformat()
    return data


def unit_dataset(figures: UnitFigures, absolute: Callable[[str], str], description: str) -> dict:
    election = figures.election
    return {
        **election_dataset(election, absolute, description),
        "name": _("%(election)s: %(unit)s") % {"election": election.name, "unit": figures.unit.name},
        "url": absolute(figures.get_absolute_url()),
        "spatialCoverage": {"@type": "Place", "name": f"{figures.unit.name}, {election.country}"},
        "isPartOf": absolute(election.get_absolute_url()),
    }
