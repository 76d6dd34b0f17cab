"""The results desk: typed figures, refused contradictions, warnings, uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.models import Candidate, Election

CSV = "option,party,votes,percent\nAlice Able,,600,76.92\nBob Baker,,150,19.23\nAgainst all,,30,3.85\n"


def _form_data(response) -> dict:
    """What the browser would post back: every field of the form and its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value
    return data


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def change(desk, make_election):
    election = make_election()
    url = reverse("admin:elections_election_change", args=[election.pk])
    return election, url, _form_data(desk.get(url))


def _row(data: dict, name: str) -> str:
    """The inline prefix of the result line for candidate `name`."""
    pk = str(Candidate.objects.get(name=name).pk)
    return next(
        key.removesuffix("-candidate")
        for key, value in data.items()
        if key.endswith("-candidate") and str(value) == pk
    )


def test_editor_may_type_counts_and_shares_as_newsrooms_do(desk, change):
    election, url, data = change
    data.update({"ballots_cast": "8 000", "valid_votes_reported": "7.800", "invalid_ballots_reported": "200"})
    data.update({"registered_voters": "10,000", "turnout_reported": "80,00 %"})
    for name, votes, percent in (("Alice Able", "6 000", "76,92 %"), ("Bob Baker", "1.500", "19.23%")):
        data[f"{_row(data, name)}-votes"] = votes
        data[f"{_row(data, name)}-percent"] = percent
    data["results-2-votes"] = "300"
    response = desk.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    election.refresh_from_db()
    assert (election.ballots_cast, election.valid_votes, election.turnout_reported) == (8000, 7800, 80)
    assert election.results.get(candidate__name="Bob Baker").votes == 1500


def test_contradicting_figures_are_refused_naming_the_line_and_rule(desk, change):
    election, url, data = change
    data[f"{_row(data, 'Bob Baker')}-votes"] = "900"
    response = desk.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "rule “votes-within-ballots”: 900 votes is more than the 800 ballots cast." in page
    assert election.results.get(candidate__name="Bob Baker").votes == 150


def test_an_ambiguous_count_is_refused_with_an_example(desk, change):
    election, url, data = change
    data["ballots_cast"] = "8,00"
    response = desk.post(url, data)
    assert response.status_code == 200
    assert "write it like 8300046, 8 300 046" in response.content.decode()
    assert Election.objects.get(pk=election.pk).ballots_cast == 800


def test_a_missing_share_is_derived_from_votes(desk, change):
    election, url, data = change
    data[f"{_row(data, 'Bob Baker')}-percent"] = ""
    assert desk.post(url, data).status_code == 302
    assert str(election.results.get(candidate__name="Bob Baker").percent) == "19.23"


def test_soft_checks_save_and_warn_the_editor(desk, change):
    election, url, data = change
    data["registered_voters"] = "700"
    response = desk.post(url, data, follow=True)
    assert (
        "Rule “turnout-over-100”: 800 ballots cast is more than the 700 registered voters."
        in response.content.decode()
    )
    assert Election.objects.get(pk=election.pk).registered_voters == 700


def test_changing_final_figures_needs_a_correction_note(desk, change):
    election, url, data = change
    data["status"] = "final"
    assert desk.post(url, data).status_code == 302
    data = _form_data(desk.get(url))
    data[f"{_row(data, 'Alice Able')}-votes"] = "601"
    data[f"{_row(data, 'Alice Able')}-percent"] = "77.05"
    data[f"{_row(data, 'Bob Baker')}-votes"] = "149"
    data[f"{_row(data, 'Bob Baker')}-percent"] = "19.10"
    refused = desk.post(url, data)
    assert "Rule “correction-has-note”: these figures change results announced as final" in refused.content.decode()
    data["correction_note"] = "One vote was counted for the wrong candidate."
    assert desk.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.CORRECTED
    assert election.revisions.last().note == "One vote was counted for the wrong candidate."


def test_upload_shows_a_preview_and_writes_only_when_applied(desk, make_election):
    election = make_election(lines=())
    url = reverse("admin:elections_election_import", args=[election.pk])
    assert "option,party,votes,percent" in desk.get(url).content.decode()
    preview = desk.post(url, {"file": SimpleUploadedFile("r.csv", CSV.encode()), "preview": "1"})
    assert preview.status_code == 200
    assert "Alice Able" in preview.content.decode() and 'name="apply"' in preview.content.decode()
    assert election.results.count() == 0
    applied = desk.post(url, {"kept": preview.context["form"].initial["kept"], "apply": "1"})
    assert applied.status_code == 302
    assert election.results.count() == 3


def test_upload_with_problems_lists_them_and_offers_no_apply(desk, make_election):
    election = make_election(lines=())
    url = reverse("admin:elections_election_import", args=[election.pk])
    bad = CSV.replace("150,19.23", "150,29.23")
    response = desk.post(url, {"file": SimpleUploadedFile("r.csv", bad.encode()), "preview": "1"})
    page = response.content.decode()
    assert "Line 3 (Bob Baker), rule “share-matches-votes”" in page
    assert 'name="apply"' not in page
    desk.post(url, {"kept": bad, "apply": "1"})
    assert election.results.count() == 0


def test_outsiders_cannot_upload(client, outsider, make_election):
    election = make_election(lines=())
    client.force_login(outsider)
    url = reverse("admin:elections_election_import", args=[election.pk])
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", CSV.encode()), "apply": "1"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert election.results.count() == 0


def test_saving_final_figures_unchanged_needs_no_note(desk, change):
    election, url, data = change
    data["status"] = "final"
    assert desk.post(url, data).status_code == 302
    data = _form_data(desk.get(url))
    data[f"{_row(data, 'Alice Able')}-percent"] = "76,92"  # the same share, typed differently
    data["name"] = "Mayor of Testville, 2026"
    assert desk.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.FINAL
    assert election.revisions.count() == 1


def test_import_page_of_a_missing_or_malformed_election_is_a_404(desk, db):
    assert desk.get("/admin/elections/election/abc/import/").status_code == 404
    assert desk.get("/admin/elections/election/999999/import/").status_code == 404


def test_a_name_longer_than_its_column_is_refused_at_the_preview(desk, make_election):
    election = make_election(lines=())
    url = reverse("admin:elections_election_import", args=[election.pk])
    long_csv = f"option,party,votes,percent\n{'A' * 201},{'P' * 201},600,76.92\nBob Baker,,150,19.23\n"
    preview = desk.post(url, {"file": SimpleUploadedFile("r.csv", long_csv.encode())})
    assert preview.status_code == 200
    assert "201 characters is more than the 200 a name may have." in preview.content.decode()
    applied = desk.post(url, {"kept": long_csv, "apply": "1"})
    assert applied.status_code == 200 and not election.results.exists()


def test_the_unit_form_runs_the_unit_checks_on_save(desk, make_regional):
    from elections.models import UnitFigures

    election = make_regional(2)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-0")
    url = reverse("admin:elections_unitfigures_change", args=[figures.pk])
    data = _form_data(desk.get(url))
    data["ballots_cast"] = "90"  # 78 valid + 2 invalid is 80
    response = desk.post(url, data)
    assert response.status_code == 200
    assert "Region 0: Rule “valid-plus-invalid-is-ballots”: 78 valid votes + 2 invalid ballots is not 90" in (
        response.content.decode()
    )
    figures.refresh_from_db()
    assert figures.ballots_cast == 80
    data["ballots_cast"] = "80"
    data[_row(data, "Bob Baker") + "-votes"] = "30"
    data[_row(data, "Alice Able") + "-votes"] = "48"
    data[_row(data, "Bob Baker") + "-percent"] = ""
    data[_row(data, "Alice Able") + "-percent"] = ""
    assert desk.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.results.get(candidate__name="Bob Baker").votes == 58  # the national sum follows
    assert str(figures.results.get(candidate__name="Bob Baker").percent) == "38.46"  # derived once, the one way


def test_deleting_a_unit_adds_up_the_rest_and_keeps_the_history(desk, make_regional):
    from elections.models import UnitFigures

    election = make_regional(3)
    figures = UnitFigures.objects.get(election=election, unit__slug="region-2")
    response = desk.post(reverse("admin:elections_unitfigures_delete", args=[figures.pk]), {"post": "yes"})
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.ballots_cast == 160 and election.revisions.count() == 2
