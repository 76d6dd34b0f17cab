"""About and Privacy: there after migrate, linked from every page, changed by editors, true to the settings."""

from django.contrib.auth.models import Group, User

from pages.models import Page


def test_about_and_privacy_exist_after_migrate(db):
    assert set(Page.objects.values_list("slug", flat=True)) >= {"about", "privacy"}


def test_every_page_links_them_in_its_footer(client, demo):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/pages/about/"' in footer
    assert 'href="/pages/privacy/"' in footer


def test_privacy_says_how_long_network_data_is_kept_from_the_setting(client, db, settings):
    settings.NEWSROOM_REPLY_NETWORK_DATA_DAYS = 12
    page = client.get("/pages/privacy/").content.decode()
    assert "erased 12 days after you reply" in page
    assert "email address" in page


def test_the_about_page_does_not_list_reader_data(client, db):
    response = client.get("/pages/about/")
    assert response.status_code == 200
    assert "erased" not in response.content.decode()


def test_unknown_page_is_a_404(client, db):
    assert client.get("/pages/nothing-here/").status_code == 404


def test_markup_that_could_run_script_is_removed_on_save(db):
    page = Page.objects.get(slug="about")
    page.body = '<p onclick="steal()">Hello<script>steal()</script></p>'
    page.save()
    page.refresh_from_db()
    assert page.body == "<p>Hello</p>"


def test_an_editor_changes_the_privacy_page_and_readers_see_it_at_once(client, demo, editor):
    privacy = Page.objects.get(slug="privacy")
    assert client.get("/pages/privacy/").status_code == 200  # seen once, as a reader
    client.force_login(editor)
    form = {"slug": "privacy", "title": "Your privacy", "description": privacy.description, "body": "<p>New.</p>"}
    form["lists_reader_data"] = "on"
    response = client.post(f"/admin/pages/page/{privacy.pk}/change/", form)
    assert response.status_code == 302
    client.logout()
    page = client.get("/pages/privacy/").content.decode()
    assert "<h1>Your privacy</h1>" in page
    assert "<p>New.</p>" in page


def test_a_reporter_cannot_change_the_pages(client, db):
    reporter = User.objects.create_user("rita", password="correct horse battery", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(reporter)
    privacy = Page.objects.get(slug="privacy")
    assert client.get(f"/admin/pages/page/{privacy.pk}/change/").status_code == 403


def test_the_last_change_is_given_in_whole_seconds(client, db):
    # HTML allows at most three digits of a second in <time datetime>.
    page = client.get("/pages/about/").content.decode()
    stamp = page.split('<time datetime="')[1].split('"')[0]
    assert "." not in stamp
