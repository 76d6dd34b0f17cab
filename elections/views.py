from csp.decorators import csp_replace
from django.http import HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from elections import exports, extensions, history
from elections.models import Election
from pagecache.groups import group, reads_query, shows

# Answers 304 Not Modified when the figures are what the client already has.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def _results(election: Election) -> dict:
    return {"election": election, "results": list(election.results.ranked())}


@reads_query()
@require_safe
def election_detail(request, slug):
    election = get_object_or_404(Election, slug=slug)
    context = {
        **_results(election),
        "statements": list(election.statements.select_related("candidate")),
        "corrections": history.corrections(election),
        # What other apps show here (articles: its coverage), registered in their AppConfig.ready().
        "page_parts": extensions.page_parts(election),
    }
    return shows(render(request, "elections/election_detail.html", context), group("election", election.pk))


@reads_query()
@require_safe
@xframe_options_exempt
# The site's policy (settings.CONTENT_SECURITY_POLICY) with one difference: any page may frame the embed.
@csp_replace({"frame-ancestors": ["*"]})
def election_embed(request, slug):
    election = get_object_or_404(Election, slug=slug)
    response = render(request, "elections/embed.html", _results(election))
    return shows(response, group("election", election.pk))


@require_safe
@conditional
def election_live(request, slug):
    """The figures block alone, polled by election-live.js while the count is open."""
    election = get_object_or_404(Election, slug=slug)
    response = render(request, "elections/_live.html", _results(election))
    patch_cache_control(response, no_cache=True)
    return shows(response, group("election", election.pk))


@require_safe
@conditional
def results_csv(request, slug):
    election = get_object_or_404(Election, slug=slug)
    body = exports.results_csv(election, _results(election)["results"])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}-results.csv"'
    patch_cache_control(response, no_cache=True)
    return shows(response, group("election", election.pk))


@require_safe
@conditional
def results_json(request, slug):
    election = get_object_or_404(Election, slug=slug)
    url = request.build_absolute_uri(election.get_absolute_url())
    data = exports.results_json(election, _results(election)["results"], url=url)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, no_cache=True)
    return shows(response, group("election", election.pk))
