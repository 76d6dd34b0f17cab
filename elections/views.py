import json

from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from elections import exports, history, pages, structured_data
from elections.models import Election

# Answers 304 Not Modified when the figures are what the client already has.
conditional = decorator_from_middleware(ConditionalGetMiddleware)

# The site's policy (newsroom/middleware.py) with one difference: any page may
# frame the embed. Spelled out here because elections imports nothing of ours.
EMBED_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *"
)
COVERAGE_LIMIT = 20
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def shows(response, election: Election):
    """Name what a page shows, so that the site's page cache empties it when the election changes."""
    response.page_groups = [*getattr(response, "page_groups", []), f"election:{election.pk}"]
    return response


def covering_articles(election: Election) -> list:
    """Published articles that cover `election`, newest first.

    Articles point at elections, not the other way round, and elections may not
    import articles. The reverse relation's manager is the articles app's own
    QuerySet, so `published()` is still the one definition of live.
    """
    articles = getattr(election, "articles", None)
    if articles is None or not hasattr(articles, "published"):
        return []
    return list(articles.published().order_by("-publish_at")[:COVERAGE_LIMIT])


def _description(election: Election) -> str:
    return _("Results of the %(name)s (%(date)s) as announced by the %(authority)s: shares, turnout, figures.") % {
        "name": election.name,
        "date": election.date.isoformat(),
        "authority": election.authority_name,
    }


def _ld(data: dict) -> str:
    """`data` as JSON that is safe inside a <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped


@require_safe
def election_detail(request, slug):
    election = pages.get_election(slug)
    description = _description(election)
    context = {
        **pages.figures_context(election, map_mode=request.GET.get("map", "")),
        "statements": list(election.statements.select_related("candidate")),
        "corrections": history.corrections(election),
        "articles": covering_articles(election),
        "description": description,
        "canonical": request.build_absolute_uri(election.get_absolute_url()),
        "json_ld": _ld(structured_data.election_dataset(election, request.build_absolute_uri, description)),
        "on_election_page": True,
    }
    return shows(render(request, "elections/election_detail.html", context), election)


@require_safe
def unit_detail(request, slug, unit):
    election = pages.get_election(slug)
    units = pages.units_of(election)
    found = next((item for item in units if item.figures.unit.slug == unit), None)
    if found is None:
        raise Http404
    description = _("Results of the %(name)s in %(unit)s.") % {"name": election.name, "unit": found.figures.unit.name}
    context = {
        "election": election,
        "unit": found,
        "units": units,
        "description": description,
        "canonical": request.build_absolute_uri(found.figures.get_absolute_url()),
        "json_ld": _ld(structured_data.unit_dataset(found.figures, request.build_absolute_uri, description)),
    }
    return shows(render(request, "elections/unit_detail.html", context), election)


@require_safe
@xframe_options_exempt
def election_embed(request, slug):
    election = pages.get_election(slug)
    response = render(request, "elections/embed.html", pages.figures_context(election))
    response["Content-Security-Policy"] = EMBED_CONTENT_SECURITY_POLICY
    return shows(response, election)


@require_safe
@conditional
def election_live(request, slug):
    """The figures block alone, polled by election-live.js while the count is open."""
    election = pages.get_election(slug)
    context = pages.figures_context(election, map_mode=request.GET.get("map", ""))
    response = render(request, "elections/_live.html", {**context, "on_election_page": True})
    patch_cache_control(response, no_cache=True)
    return shows(response, election)


@require_safe
@conditional
def results_csv(request, slug):
    election = pages.get_election(slug)
    body = exports.results_csv(election, list(election.results.ranked()), pages.units_of(election))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}-results.csv"'
    patch_cache_control(response, no_cache=True)
    return shows(response, election)


@require_safe
@conditional
def results_json(request, slug):
    election = pages.get_election(slug)
    url = request.build_absolute_uri(election.get_absolute_url())
    context = pages.figures_context(election)
    data = exports.results_json(election, context["results"], url=url, units=context["units"])
    data["seats"] = exports.seats_json(context["seats"])
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, no_cache=True)
    return shows(response, election)
