"""The rich-text editor works under the site's strict Content-Security-Policy."""

import base64
import hashlib
import re

from django.urls import reverse


def test_admin_allows_only_the_editors_import_map_by_hash(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    importmap = re.search(rb'<script type="importmap">(.*?)</script>', response.content, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(importmap).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"script-src 'self' 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy
    assert "django_prose_editor/editor.js" in response.content.decode()


def test_reader_pages_keep_the_strict_policy(client, make_article):
    article = make_article()
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    # Directives in whatever order django-csp writes them: the last one has no ";" after it.
    directives = {part.strip() for part in policy.split(";")}
    assert "script-src 'self'" in directives
    assert "sha256" not in policy
