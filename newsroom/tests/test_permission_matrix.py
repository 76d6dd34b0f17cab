"""Every admin URL and every admin action, for every role, against what README says each role may do.

The URLs and actions are read from the admin site itself, so a view or an
action added later is walked too; one this file cannot classify fails
`test_every_admin_url_and_action_is_classified` until it is added below.
Each refused POST must leave the database as it was.
"""

import hashlib
from contextlib import contextmanager

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, ArticleNote, Author, OldSlug, Section, Tag
from articles.tests.conftest import article_form
from comments.models import Ban, Comment, ModerationAction, ReplyPolicy
from elections.models import Candidate, Election, Statement

ROLES = ["anonymous", "Reporters", "Moderators", "Editors"]
VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = {VIEW, ADD, CHANGE, DELETE}

# What README ("How editors work", "How moderators work") says each role may do, per model.
MAY = {
    "Editors": {
        **dict.fromkeys(["articles.section", "articles.author", "articles.tag", "articles.article"], ALL),
        **dict.fromkeys(["articles.oldslug", "elections.election", "elections.candidate"], ALL),
        "elections.statement": ALL,
        **dict.fromkeys(["elections.reportingunit", "elections.unitfigures", "elections.seatrule"], ALL),
        "pages.page": {VIEW, CHANGE},
        "comments.comment": {VIEW},
        "comments.replypolicy": ALL,
    },
    "Reporters": {
        "articles.article": {VIEW, ADD, CHANGE},
        "articles.section": {VIEW},
        # README: reporters may create tags and bylines as they write.
        **dict.fromkeys(["articles.author", "articles.tag"], {VIEW, ADD}),
        **dict.fromkeys(["elections.election", "elections.statement"], {VIEW}),
    },
    "Moderators": {
        "articles.article": {VIEW},
        "comments.comment": {VIEW, CHANGE},
        "comments.moderationaction": {VIEW},
        "comments.ban": ALL,
        "comments.replypolicy": ALL,
    },
}
# Nobody adds replies in the admin (readers write them); nobody edits the moderation log.
NOBODY = {("comments.comment", ADD), *(("comments.moderationaction", op) for op in (ADD, CHANGE, DELETE))}

# URL name suffix -> what a GET needs, what a POST needs.
KINDS = {
    "changelist": (VIEW, None),  # a changelist POST is an action: see the actions test
    "add": (ADD, ADD),
    "change": (VIEW, CHANGE),
    "delete": (DELETE, DELETE),
    "history": (VIEW, None),
    "revision": (VIEW, CHANGE),
    "recoverlist": ((ADD, CHANGE), None),
    "recover": (ADD, ADD),
}
# Custom views, by URL name.
CUSTOM = {
    "articles_article_compare": (VIEW, None),
    # The body editor's buttons: the article's own images (for whoever may change it), our articles to link to.
    "articles_article_body_images": (CHANGE, None),
    "articles_article_link_search": (VIEW, None),
    # The queue's one-click actions and staff replies: a POST for moderators (a GET is not allowed for anyone).
    "comments_comment_act": (None, CHANGE),
    "elections_election_import": (CHANGE, CHANGE),
    "auth_user_password_change": (CHANGE, CHANGE),
}
# Admin actions: which roles may run them.
ACTIONS = {
    "articles.article": {
        "submit_for_review": {"Reporters", "Editors"},
        "revoke_preview_links": {"Reporters", "Editors"},
        "return_to_draft": {"Editors"},
        "publish_now": {"Editors"},
        "unpublish": {"Editors"},
    },
    "comments.comment": dict.fromkeys(
        ["approve", "mark_spam", "remove", "restore", "ban", "feature", "unfeature", "export_data", "erase_data"],
        {"Moderators"},
    ),
    "axes.accessattempt": {"cleanup_expired_attempts": set()},
}
WATCHED_APPS = ["articles", "elections", "comments", "pages", "auth", "reversion"]


def may(role: str, model_label: str, need) -> bool:
    if role == "anonymous" or need is None:
        return role != "anonymous"
    needs = need if isinstance(need, tuple) else (need,)
    return all((model_label, op) not in NOBODY and op in MAY.get(role, {}).get(model_label, set()) for op in needs)


def _kind(name: str, model_label: str):
    if name in CUSTOM:
        return CUSTOM[name]
    prefix = model_label.replace(".", "_") + "_"
    return KINDS.get(name.removeprefix(prefix)) if name.startswith(prefix) else None


def admin_urls():
    """(name, model admin) for every named URL of every registered model admin."""
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if pattern.name:
                yield pattern.name, model, model_admin


def snapshot() -> str:
    """A digest of every row the desk could change."""
    digest = hashlib.sha256()
    for app_label in WATCHED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            digest.update(repr(list(model._default_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def refused(response) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.fixture
def people(db):
    people = {"anonymous": None}
    for role, username in [("Reporters", "rita"), ("Moderators", "mona"), ("Editors", "erin")]:
        user = User.objects.create_user(username, f"{username}@newsroom.test", "x", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        people[role] = user
    return people


@pytest.fixture
def world(people):
    """One object of every registered model, an article in each state, versions to restore and recover."""
    section = Section.objects.create(name="News", slug="news")
    Author.objects.create(name="Dana Nur", slug="dana-nur")
    Tag.objects.create(name="Vote", slug="vote")
    election = Election.objects.create(name="E", slug="e", country="X", date="2026-11-01", authority_name="CEC")
    candidate = Candidate.objects.create(name="Alice Able", slug="alice-able")
    Statement.objects.create(election=election, candidate=candidate, text="We won.")
    articles = {}
    for state in ("published", "draft"):
        with reversion.create_revision():
            article = Article.objects.create(title=state, slug=state, section=section, status=Article.Status.DRAFT)
        with reversion.create_revision():
            article.status = state
            article.save()
        articles[state] = article
    with reversion.create_revision():
        gone = Article.objects.create(title="Gone", slug="gone", section=section, status=Article.Status.DRAFT)
    gone.delete()
    OldSlug.objects.create(article=articles["published"], slug="old-slug")
    ArticleNote.objects.create(article=articles["published"], text="Corrected")
    reply = Comment.objects.create(article=articles["published"], name="R", email="r@reader.test", body="Hi")
    ModerationAction.objects.create(comment=reply, action=ModerationAction.Action.NOTE)
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="spam@reader.test")
    ReplyPolicy.objects.create(article=articles["published"])
    return {"articles": articles, "deleted": Version.objects.get_deleted(Article).get()}


def _targets(model, world):
    """The objects a URL of `model` is tried on: an article in each state, else the first row."""
    if model is Article:
        return list(world["articles"].values())
    first = model._default_manager.order_by("pk").first()
    return [first] if first else []  # the object URLs of an empty table (axes' logs) are not walked


OBJECTLESS = {"changelist", "add", "recoverlist", "recover", "search"}


def _url(name: str, model, obj, world) -> str:
    suffix = name.rsplit("_", 1)[-1]
    if suffix in {"changelist", "add", "recoverlist", "search"}:
        return reverse(f"admin:{name}")
    if suffix == "recover":
        return reverse(f"admin:{name}", args=[world["deleted"].pk])
    if suffix == "revision":
        version = Version.objects.get_for_object(obj).last()  # the oldest: a draft
        return reverse(f"admin:{name}", args=[obj.pk, version.pk])
    url = reverse(f"admin:{name}", args=[obj.pk])
    if suffix == "compare":
        versions = Version.objects.get_for_object(obj)
        url += f"?older={versions.last().pk}&newer={versions.first().pk}"
    return url


def _post_data(name: str, obj) -> dict:
    if name.endswith("_delete"):
        return {"post": "yes"}
    if isinstance(obj, Article) and name.endswith(("_change", "_revision")):
        obj.refresh_from_db()
        return article_form(obj, title="Changed by the matrix")
    return {}


def _allowed(role, model_label, need, name, obj) -> bool:
    """Whether README lets `role` do what `need` names to `obj` (a GET or a POST)."""
    allowed = may(role, model_label, need)
    # README: reporters cannot change an article once it is published or scheduled.
    if allowed and role == "Reporters" and isinstance(obj, Article) and need == CHANGE:
        obj.refresh_from_db()
        allowed = obj.status != Article.Status.PUBLISHED
    # Deleting an article deletes its replies, which only moderators may delete: Django refuses it.
    if allowed and need == DELETE and isinstance(obj, Article) and Comment.objects.filter(article=obj).exists():
        allowed = may(role, "comments.comment", DELETE)
    return allowed


def test_every_admin_url_and_action_is_classified():
    unknown = [name for name, model, _ in admin_urls() if _kind(name, model._meta.label_lower) is None]
    assert not unknown, f"classify these admin URLs in {__name__}: {unknown}"
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        for action in model_admin.actions or []:
            assert action in ACTIONS.get(label, {}), f"classify the admin action {label}.{action} in {__name__}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_admin_urls_readme_gives_it(client, people, world, role):
    if people[role]:
        client.force_login(people[role])
    problems = []
    for name, model, _model_admin in admin_urls():
        label = model._meta.label_lower
        get_need, post_need = _kind(name, label)
        for obj in _targets(model, world) if name.rsplit("_", 1)[-1] not in OBJECTLESS else [None]:
            url = _url(name, model, obj, world)
            with rolled_back():
                response = client.get(url)
                # (A GET that needs CHANGE, the editor's image list, follows the same rule for live articles.)
                allowed = (
                    _allowed(role, label, get_need, name, obj) if get_need == CHANGE else may(role, label, get_need)
                )
                if response.status_code >= 500 or refused(response) == allowed:
                    problems.append(f"GET {url}: {response.status_code}")
            if post_need is None:
                continue
            with rolled_back():
                before = snapshot()
                response = client.post(url, _post_data(name, obj))
                allowed = _allowed(role, label, post_need, name, obj)
                if response.status_code >= 500 or refused(response) == allowed:
                    problems.append(f"POST {url}: {response.status_code}")
                elif not allowed and snapshot() != before:
                    problems.append(f"POST {url}: refused, but the database changed")
    assert not problems, f"{role}: " + "; ".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_runs_exactly_the_admin_actions_readme_gives_it(client, people, world, role):
    if people[role]:
        client.force_login(people[role])
    problems = []
    for model in admin.site._registry:
        label = model._meta.label_lower
        selected = list(model._default_manager.values_list("pk", flat=True))
        actions = {**ACTIONS.get(label, {}), "delete_selected": {r for r in ROLES if may(r, label, DELETE)}}
        for action, roles in actions.items():
            url = reverse(f"admin:{label.replace('.', '_')}_changelist")
            with rolled_back():
                before = snapshot()
                data = {"action": action, "_selected_action": selected, "post": "yes"}
                response = client.post(url, data)
                if response.status_code >= 500:
                    problems.append(f"{label}.{action}: {response.status_code}")
                elif role not in roles and snapshot() != before:
                    problems.append(f"{label}.{action}: not allowed, but the database changed")
    assert not problems, f"{role}: " + "; ".join(problems)


# The admin site's own views: who may open them.
SITE_URLS = {
    "index": "staff",
    "login": "anyone",
    "logout": "anyone",  # POST only; signing out is harmless
    "password_change": "staff",
    "password_change_done": "staff",
    "autocomplete": "checked",  # staff, and Django checks the field's models per request
    "jsi18n": "staff",
    "view_on_site": "staff",
    "app_list": "staff",
}


def _site_url(name: str, world) -> str:
    if name == "app_list":
        return reverse("admin:app_list", args=["articles"])
    if name == "view_on_site":
        from django.contrib.contenttypes.models import ContentType

        article = world["articles"]["published"]
        return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, article.pk])
    return reverse(f"admin:{name}")


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_sites_own_views_are_closed_to_anyone_signed_out(client, people, world, role):
    names = [pattern.name for pattern in admin.site.get_urls() if getattr(pattern, "name", None)]
    unknown = sorted(set(names) - set(SITE_URLS))
    assert not unknown, f"classify these admin site URLs in {__name__}: {unknown}"
    if people[role]:
        client.force_login(people[role])
    for name in names:
        response = client.get(_site_url(name, world))
        assert response.status_code < 500, name
        if SITE_URLS[name] == "staff":
            assert refused(response) == (role == "anonymous"), (name, response.status_code)
        elif SITE_URLS[name] == "checked" and role == "anonymous":
            assert refused(response), (name, response.status_code)
