"""The two pages every newsroom needs, for editors to rewrite in the admin."""

from django.db import migrations

ABOUT = """<p>We are an independent newsroom reporting on politics, elections and public life.
Our reporters and editors decide what we publish; every article names who wrote it and
when it was last changed, and corrections are dated and shown at the end of the article.</p>
<h2>Replies</h2>
<p>Readers may reply to articles. A moderator reads every reply before it is published,
and we publish replies that add to the conversation, whether or not they agree with us.</p>
<h2>Contact</h2>
<p>Write to the desk at <a href="mailto:newsroom@localhost">newsroom@localhost</a>.</p>"""

PRIVACY = """<p>You can read everything on this site without an account and without being tracked:
we use no advertising, analytics or social-media scripts, and load nothing from other sites.</p>
<h2>Cookies</h2>
<p>Reading sets no cookie. Choosing a language keeps your choice in a cookie; using a form
sets a security cookie that protects it from forgery. Posting a reply keeps a signed list of
your replies in your browser, so that you can see, edit or delete them.</p>
<h2>Your rights</h2>
<p>Ask us for a copy of what we keep about you, or to erase it, by writing to
<a href="mailto:newsroom@localhost">newsroom@localhost</a> from the address you replied with.</p>"""


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    Page.objects.get_or_create(
        slug="about",
        defaults={
            "title": "About us",
            "description": "Who we are, how we report and correct, and how readers' replies are moderated.",
            "body": ABOUT.replace("\n", " "),
        },
    )
    Page.objects.get_or_create(
        slug="privacy",
        defaults={
            "title": "Privacy",
            "description": "What this site keeps about its readers, why, for how long, and how to have it erased.",
            "body": PRIVACY.replace("\n", " "),
            "lists_reader_data": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_standing_pages")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
