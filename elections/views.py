from django.shortcuts import get_object_or_404, render

from elections.models import Election


def election_detail(request, slug):
    election = get_object_or_404(Election, slug=slug)
    context = {
        "election": election,
        "results": list(election.results.ranked()),
        "statements": list(election.statements.select_related("candidate")),
    }
    return render(request, "elections/election_detail.html", context)
