import datetime as dt
import json
import re

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone, translation

from elections.models import Candidate, Election, Result
from elections.templatetags.results import count, percent

SEED_FIGURES = ["81.31%", "3.42%", "2.60%", "2.53%", "2.22%", "2.12%", "5.80%", "8,300,046", "69.44%", "10,101"]


@pytest.fixture
def page(client, seed):
    response = client.get(seed.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_election_page_shows_the_seed_figures_status_and_source(page):
    for figure in SEED_FIGURES:
        assert figure in page, figure
    assert "Preliminary results" in page
    assert "Central Election Commission" in page
    assert '<time datetime="2022-11-21T10:00:00+06:00">' in page
    assert "Shares are of valid votes." in page


def test_election_page_names_the_winner_derived_from_the_lines(page):
    assert "<strong>Kassym-Jomart Tokayev</strong> wins with 81.31%, according to preliminary results." in page


def test_election_page_draws_an_accessible_bar_chart_without_inline_styles(page):
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "Kassym-Jomart Tokayev: 81.31%" in chart
    assert 'width="81.31%"' in chart and 'width="5.80%"' in chart
    assert "style=" not in page


def test_election_page_shows_statements_and_published_coverage_only(client, seed, demo, make_article):
    make_article(title="Draft on the vote", slug="draft-vote", election=seed, status="draft")
    make_article(title="Tomorrow's analysis", slug="later", election=seed, publish_at=timezone.now() + dt.timedelta(1))
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "said Zhiguli Dairabayev, who won 3.42 percent of the vote" in page
    assert "Kassym-Jomart Tokayev Elected President" in page
    assert "Draft on the vote" not in page
    assert "Tomorrow&#x27;s analysis" not in page


def test_election_page_query_count_does_not_grow_with_its_lines(
    client, seed, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_max_num_queries(8) as few:
        page = client.get(seed.get_absolute_url())
    assert page["X-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):  # the new lines empty the cached page
        for number in range(30):
            candidate = Candidate.objects.create(name=f"Extra Candidate {number}", slug=f"extra-{number}")
            Result.objects.create(election=seed, candidate=candidate, votes=1, percent="0.00", position=100 + number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(seed.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert "Extra Candidate 29" in page.content.decode()


def test_an_open_recent_count_loads_the_live_script_and_a_closed_or_old_one_does_not(
    client, make_election, django_capture_on_commit_callbacks
):
    election = make_election(status=Election.Status.COUNTING, date=timezone.localdate())
    page = client.get(election.get_absolute_url()).content.decode()
    assert 'src="/static/js/election-live.js"' in page
    assert f'data-live-url="/elections/{election.slug}/live/"' in page
    assert "The count is open" in page
    election.status = Election.Status.FINAL
    with django_capture_on_commit_callbacks(execute=True):
        election.save()  # as the desk does: a save, which empties the cached page once it commits
    page = client.get(election.get_absolute_url()).content.decode()
    assert "election-live.js" not in page and "data-live-url" not in page and "The count is open" not in page


def test_a_count_left_open_years_ago_neither_polls_nor_says_it_is_open(client, seed):
    assert seed.status == Election.Status.PRELIMINARY
    page = client.get(seed.get_absolute_url()).content.decode()
    assert "election-live.js" not in page and "data-live-url" not in page and "The count is open" not in page


def test_live_endpoint_answers_304_until_the_figures_change(client, seed):
    url = f"/elections/{seed.slug}/live/"
    first = client.get(url)
    assert first.status_code == 200 and "81.31%" in first.content.decode()
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    seed.results.filter(candidate__name="Zhiguli Dairabayev").update(votes=283_000)
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and "283,000" in changed.content.decode()


def test_numbers_follow_the_readers_language(client, seed):
    page = client.get(seed.get_absolute_url(), headers={"accept-language": "ru"}).content.decode()
    assert "81,31\u00a0%" in page
    assert "8\u00a0300\u00a0046" in page
    english = client.get(seed.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert "81.31%" in english and "8,300,046" in english


def test_embed_may_be_framed_by_other_sites_and_the_page_may_not(client, seed):
    embed = client.get(f"/elections/{seed.slug}/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]
    body = embed.content.decode()
    assert "81.31%" in body and "<svg" in body and "style=" not in body
    page = client.get(seed.get_absolute_url())
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_results_json_carries_figures_denominators_status_and_source(client, seed):
    data = client.get(f"/elections/{seed.slug}/results.json").json()
    assert data["status"] == "preliminary"
    assert data["announced_at"] == "2022-11-21T04:00:00+00:00"
    assert data["source"]["authority"] == "Central Election Commission"
    assert data["figures"]["ballots_cast"] == 8_300_046
    assert data["figures"]["turnout"] == 69.44
    assert data["figures"]["share_of"] == "valid_votes"
    assert data["outcome"] == {"kind": "winner", "options": ["Kassym-Jomart Tokayev"]}
    assert [line["percent"] for line in data["results"]] == [81.31, 5.8, 3.42, 2.6, 2.53, 2.22, 2.12]
    assert data["results"][1] == {
        "option": "against_all", "name": "Against all", "party": None, "votes": None, "percent": 5.8
    }  # fmt: skip
    assert "@" not in str(data)


def test_results_csv_has_the_importers_columns_first_and_the_seed_lines(client, seed):
    response = client.get(f"/elections/{seed.slug}/results.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("option,party,votes,percent,share_of,")
    assert lines[1].startswith("Kassym-Jomart Tokayev,,,81.31,valid_votes,kazakhstan-presidential-election-2022,")
    assert lines[2].startswith("Against all,,,5.80,")
    assert len(lines) == 8


def test_exports_answer_304_when_unchanged(client, seed):
    url = f"/elections/{seed.slug}/results.json"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_an_unknown_election_is_a_404(client, db):
    for suffix in ("", "embed/", "live/", "results.csv", "results.json"):
        assert client.get(f"/elections/nowhere/{suffix}").status_code == 404


def test_russian_percent_uses_a_space_before_the_sign():
    with translation.override("ru"):
        assert percent(81.31) == "81,31\u00a0%"
        assert count(8_300_046) == "8\u00a0300\u00a0046"
    with translation.override("en"):
        assert percent(5.8) == "5.80%"
        assert re.fullmatch(r"8,300,046", count(8_300_046))


def test_a_scheduled_election_without_lines_has_a_page_and_empty_exports(client, make_election):
    election = make_election(lines=(), status=Election.Status.SCHEDULED)
    page = client.get(election.get_absolute_url())
    assert page.status_code == 200 and "<svg" not in page.content.decode()
    assert client.get(f"/elections/{election.slug}/results.json").json()["results"] == []
    assert client.get(f"/elections/{election.slug}/results.csv").content.decode().count("\n") == 1


def test_election_page_offers_the_embed_code(page, seed):
    assert f'&lt;iframe src="http://testserver/elections/{seed.slug}/embed/"' in page


def test_polling_an_unchanged_count_costs_a_few_queries(client, seed, django_assert_max_num_queries):
    url = f"/elections/{seed.slug}/live/"
    etag = client.get(url)["ETag"]
    # The election with its seat rule, its lines, its units' figures (and their lines, when it has units).
    with django_assert_max_num_queries(4):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""


def test_election_page_is_findable_with_one_h1_and_no_self_link(client, seed):
    page = client.get(seed.get_absolute_url()).content.decode()
    assert page.count("<h1") == 1 and f'<a href="{seed.get_absolute_url()}">' not in page.split("<main", 1)[-1]
    assert '<meta name="description" content="Results of the Presidential election in Kazakhstan, 2022' in page
    assert f'<link rel="canonical" href="http://testserver{seed.get_absolute_url()}">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Dataset" and data["name"] == seed.name
    assert {item["encodingFormat"] for item in data["distribution"]} == {"text/csv", "application/json"}
    assert f"http://testserver{seed.get_absolute_url()}" in client.get("/sitemap-elections.xml").content.decode()


def test_a_votes_column_only_when_the_authority_gave_votes(client, seed, make_election):
    shares_only = client.get(seed.get_absolute_url()).content.decode()
    assert ">Votes</th>" not in shares_only
    with_votes = client.get(make_election().get_absolute_url()).content.decode()
    assert ">Votes</th>" in with_votes


@override_settings(TIME_ZONE="Asia/Almaty")
def test_the_live_block_carries_the_time_in_the_newsrooms_zone(client, make_election):
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        election = make_election(status=Election.Status.COUNTING, date=dt.date(2026, 12, 1))
        block = client.get(f"/elections/{election.slug}/live/").content.decode()
    # 08:00 UTC is 1 p.m. in Almaty: the page says the newsroom's time, not the reader's browser's.
    assert 'data-updated-at="1 p.m."' in block
