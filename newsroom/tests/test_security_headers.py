"""The Content-Security-Policy, from django-csp: the same policy as before it, everywhere it was."""

from django.urls import reverse

from elections.models import Election

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_reader_pages_carry_exactly_the_sites_policy(client, demo):
    for path in ("/", demo.get_absolute_url(), "/search/?q=tokayev", "/feeds/rss/", "/no-such-page/"):
        assert directives(client.get(path)) == SITE_POLICY, path


def test_the_policy_is_the_same_when_the_page_comes_from_the_cache(client, demo):
    first = client.get(demo.get_absolute_url())
    again = client.get(demo.get_absolute_url())
    assert again.get("X-Cache") == "hit"
    assert directives(again) == directives(first) == SITE_POLICY


def test_the_election_embed_may_be_framed_anywhere_and_nothing_else_changes(client, demo):
    election = Election.objects.get(pk=demo.election_id)
    embed = client.get(reverse("elections:embed", kwargs={"slug": election.slug}))
    assert directives(embed) == {**SITE_POLICY, "frame-ancestors": "*"}
    assert "X-Frame-Options" not in embed
    page = client.get(election.get_absolute_url())
    assert directives(page) == SITE_POLICY


def test_permissions_policy_turns_off_what_the_site_never_uses(client, db):
    assert "camera=()" in client.get("/")["Permissions-Policy"]


def test_no_report_only_header_unless_a_report_only_policy_is_configured(client, db, settings):
    assert "Content-Security-Policy-Report-Only" not in client.get("/no-such-page/")
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'"]}}
    settings.MEDIA_URL = "https://media.example.net/uploads/"
    report_only = client.get("/no-such-page/")["Content-Security-Policy-Report-Only"]
    # What this site adds to a policy (the media's origin) is added to a report-only one too.
    assert "img-src 'self' https://media.example.net" in report_only
