"""The import preview compares the file with the current lines, and keeps the file for Apply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.models import Candidate

# Alice's figures change, Bob is left out, Carol is new, "Against all" stays as it is.
CSV = "option,party,votes,percent\nAlice Able,,590,75.64\nCarol Cole,Green,160,20.51\nAgainst all,,30,3.85\n"


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def _preview(desk, election, text=CSV):
    url = reverse("admin:elections_election_import", args=[election.pk])
    return url, desk.post(url, {"file": SimpleUploadedFile("night.csv", text.encode()), "preview": "1"})


def test_the_preview_lists_new_changed_removed_and_created_lines(desk, make_election):
    election = make_election()
    _url, response = _preview(desk, election)
    changes = {change.label: change for change in response.context["changes"]}
    assert {label: change.kind for label, change in changes.items()} == {
        "Alice Able": "changed", "Carol Cole": "new", "Against all": "same", "Bob Baker": "removed",
    }  # fmt: skip
    assert (changes["Alice Able"].before.votes, changes["Alice Able"].after.votes) == (600, 590)
    assert [label for label, change in changes.items() if change.creates_candidate] == ["Carol Cole"]
    page = response.content.decode()
    assert "<del>600</del> → <ins>590</ins>" in page and "creates a new candidate" in page
    assert not Candidate.objects.filter(name="Carol Cole").exists()  # a preview writes nothing


def test_apply_uses_the_file_kept_from_the_preview(desk, make_election):
    election = make_election()
    url, preview = _preview(desk, election)
    assert "Kept from the preview: <strong>night.csv</strong>" in preview.content.decode()
    applied = desk.post(url, {"kept": preview.context["form"].initial["kept"], "apply": "1"})
    assert applied.status_code == 302
    assert sorted(election.results.values_list("votes", flat=True)) == [30, 160, 590]


def test_a_tampered_kept_file_is_refused_and_nothing_written(desk, make_election):
    election = make_election()
    url, preview = _preview(desk, election)
    kept = preview.context["form"].initial["kept"]
    response = desk.post(url, {"kept": kept[:-3] + "abc", "apply": "1"})
    assert response.status_code == 200
    assert "choose it again" in response.content.decode()
    assert election.results.get(candidate__name="Bob Baker").votes == 150


def test_a_kept_file_from_another_election_is_refused(desk, make_election):
    election, other = make_election(), make_election(slug="othertown", name="Othertown")
    _url, preview = _preview(desk, election)
    other_url = reverse("admin:elections_election_import", args=[other.pk])
    response = desk.post(other_url, {"kept": preview.context["form"].initial["kept"], "apply": "1"})
    assert response.status_code == 200 and other.results.get(candidate__name="Bob Baker").votes == 150
