"""The figures history on the desk is in the site's time zone, like every other time there."""

import datetime as dt

from django.test import override_settings
from django.urls import reverse

from elections.models import Revision


@override_settings(TIME_ZONE="Asia/Almaty")
def test_the_figures_history_shows_times_in_the_site_time_zone(client, editor, make_election):
    election = make_election()
    revision = Revision.objects.create(election=election, status=election.status, figures={})
    Revision.objects.filter(pk=revision.pk).update(recorded_at=dt.datetime(2026, 11, 1, 5, 54, tzinfo=dt.UTC))
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("admin:elections_election_change", args=[election.pk])).content.decode()
    assert "10:54" in page  # Almaty is UTC+5
    assert "05:54" not in page and "5:54" not in page
