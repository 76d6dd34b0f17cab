"""Statements printed on an article come from the election it covers."""

from django.urls import reverse

from articles.models import ArticleStatement
from articles.tests.conftest import article_form, change_url
from elections.models import Candidate, Election, Statement


def _other_statement(election_to_copy) -> Statement:
    other = Election.objects.create(
        name="Earlier election", slug="earlier", country="Kazakhstan", date="2019-06-09", authority_name="CEC"
    )
    candidate = Candidate.objects.create(name="Someone Else", slug="someone-else")
    return Statement.objects.create(election=other, candidate=candidate, text="A 2019 quote")


def _with_statement(article, statement) -> dict:
    data = article_form(article, election=article.election_id)
    data |= {
        "articlestatement_set-TOTAL_FORMS": "1",
        "articlestatement_set-0-position": "0",
        "articlestatement_set-0-statement": statement.pk,
    }
    return data


def test_a_statement_from_another_election_is_refused(client, editor, demo):
    demo.articlestatement_set.all().delete()
    demo.refresh_from_db()
    foreign = _other_statement(demo.election)
    client.force_login(editor)
    response = client.post(change_url(demo), _with_statement(demo, foreign))
    assert response.status_code == 200
    assert not ArticleStatement.objects.filter(statement=foreign).exists()


def test_a_statement_from_the_covered_election_is_accepted(client, editor, demo):
    demo.articlestatement_set.all().delete()
    demo.refresh_from_db()
    own = demo.election.statements.first()
    client.force_login(editor)
    response = client.post(change_url(demo), _with_statement(demo, own))
    assert response.status_code == 302
    assert ArticleStatement.objects.filter(article=demo, statement=own).exists()


def test_the_chooser_lists_only_the_covered_elections_statements(client, editor, demo):
    foreign = _other_statement(demo.election)
    client.force_login(editor)
    page = client.get(change_url(demo)).content.decode()
    assert f'<option value="{demo.election.statements.first().pk}"' in page
    assert f'<option value="{foreign.pk}"' not in page
    assert "A 2019 quote" not in page
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    # Not a search box over every election's statements.
    assert 'data-field-name="statement"' not in page
