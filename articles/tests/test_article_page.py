import re

import pytest
from django.urls import reverse

from articles.models import Article
from comments.models import Comment

SEED_FIGURES = [
    "81.31%", "3.42%", "2.60%", "2.53%", "2.22%", "2.12%", "5.80%",
    "8,300,046", "69.44%", "10,101", "68 at 53 diplomatic missions", "641", "254",
]  # fmt: skip


@pytest.fixture
def page(client, demo):
    response = client.get(demo.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_seed_page_shows_every_figure_of_the_results(page):
    for figure in SEED_FIGURES:
        assert figure in page, figure
    assert "Against all" in page
    assert "Central Election Commission" in page
    assert "Preliminary results" in page
    assert "7 years" in page


def test_seed_page_reads_in_two_minutes_with_its_dateline(page):
    assert "2 min read" in page
    assert '<span class="dateline">Astana:</span> Kassym-Jomart Tokayev has won' in page


def test_statement_attribution_is_built_from_the_result(page):
    assert "said Zhiguli Dairabayev, who won 3.42 percent of the vote" in page
    assert "said Saltanat Tursynbekova, who won 2.12 percent of the vote" in page
    assert "Karakat Abden, who won 2.60 percent of the vote, wrote on Instagram" in page


def test_page_keeps_the_seed_order(page):
    markers = ["Kassym-Jomart Tokayev Elected President", "2 min read", "Astana:", "results-table",
               "said Zhiguli Dairabayev", "Related posts", "replies-heading", "Leave a Reply"]  # fmt: skip
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_related_posts_show_title_reading_time_and_excerpt(page):
    related = page[page.index("Related posts") :]
    assert "President Tokayev Cancels 2024 Astana International Forum Amidst Massive Flood." in related
    assert "Kazakhstan Celebrates Gratitude Day, To Value Multi-Ethnic Diversity" in related
    assert "Reduction in Visa Appointment Wait Times for Pakistani Citizens." in related
    assert related.count("1 min read") == 3
    assert "Demand for U.S. visas is the highest it has ever been." in related
    assert related.index("Cancels 2024") < related.index("Gratitude Day") < related.index("Visa Appointment")


def test_reply_form_carries_the_seed_notice(page):
    assert "Leave a Reply" in page
    assert "Your email address will not be published. Required fields are marked *" in page
    for field in ("id_name", "id_email", "id_website", "id_body"):
        assert f'id="{field}"' in page


def test_approved_replies_show_without_their_emails(page):
    assert "A clear summary of the results" in page
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", page)


def test_pending_reply_is_hidden_from_readers(client, demo):
    Comment.objects.create(article=demo, name="Hidden", email="h@example.com", body="Not yet", fingerprint="x")
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "Not yet" not in page


def test_draft_article_is_not_found(client, make_article):
    draft = make_article(title="Unfinished", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reading_time_is_at_least_a_minute_and_rounds_up(make_article):
    assert make_article(slug="short", body="<p>one</p>").reading_minutes == 1
    assert make_article(slug="long", body="<p>" + "word " * 266 + "</p>").reading_minutes == 2


def test_unknown_url_gets_the_site_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_home_leads_with_the_featured_story_then_the_rest_newest_first(client, demo):
    page = client.get(reverse("articles:home")).content.decode()
    assert page.index("Tokayev Elected President") < page.index("Cancels 2024") < page.index("Gratitude Day")
