import json

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from elections import exports, extensions, history, pages, structured_data
from elections.models import Election
from pagecache.groups import group, reads_query, shows

# Answers 304 Not Modified when the figures are what the client already has.
conditional = decorator_from_middleware(ConditionalGetMiddleware)

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _description(election: Election) -> str:
    return _("Results of the %(name)s (%(date)s) as announced by the %(authority)s: shares, turnout, figures.") % {
        "name": election.name,
        "date": election.date.isoformat(),
        "authority": election.authority_name,
    }


def _ld(data: dict) -> str:
    """`data` as JSON that is safe inside a <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped


@reads_query("map")
@require_safe
def election_detail(request, slug):
    election = pages.get_election(slug)
    description = _description(election)
    context = {
        **pages.figures_context(election, map_mode=request.GET.get("map", "")),
        "statements": list(election.statements.select_related("candidate")),
        "corrections": history.corrections(election),
        # What other apps show here (articles: its coverage), registered in their AppConfig.ready().
        "page_parts": extensions.page_parts(election),
        "description": description,
        "canonical": request.build_absolute_uri(election.get_absolute_url()),
        "json_ld": _ld(structured_data.election_dataset(election, request.build_absolute_uri, description)),
        "on_election_page": True,
    }
    return shows(render(request, "elections/election_detail.html", context), group("election", election.pk))


@reads_query()
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
    return shows(render(request, "elections/unit_detail.html", context), group("election", election.pk))


@reads_query()
@require_safe
@xframe_options_exempt
# The site's policy (settings.CONTENT_SECURITY_POLICY) with one difference: any page may frame the embed.
@csp_replace({"frame-ancestors": ["*"]})
def election_embed(request, slug):
    election = pages.get_election(slug)
    response = render(request, "elections/embed.html", pages.figures_context(election))
    return shows(response, group("election", election.pk))


@require_safe
@conditional
def election_live(request, slug):
    """The figures block alone, polled by election-live.js while the count is open."""
    election = pages.get_election(slug)
    context = pages.figures_context(election, map_mode=request.GET.get("map", ""))
    response = render(request, "elections/_live.html", {**context, "on_election_page": True})
    patch_cache_control(response, no_cache=True)
    return shows(response, group("election", election.pk))


@require_safe
@conditional
def results_csv(request, slug):
    election = pages.get_election(slug)
    body = exports.results_csv(election, list(election.results.ranked()), pages.units_of(election))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}-results.csv"'
    patch_cache_control(response, no_cache=True)
    return shows(response, group("election", election.pk))


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
    return shows(response, group("election", election.pk))
