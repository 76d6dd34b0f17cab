"""The newsroom's roles as Django groups, kept in step with the code.

Each role lists the permissions it grants as "app_label.codename". After every
`migrate` the groups are created and their permissions set to exactly this
list, so a deployment never drifts from what the code says.
"""

from django.contrib.auth.models import Group, Permission

MODEL_ACTIONS = ("add", "change", "delete", "view")


def _crud(app_label: str, *models: str) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models for action in MODEL_ACTIONS]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    "Editors": [
        *_crud("articles", "section", "author", "tag", "article"),
        *_crud("articles", "articlestatement", "articleimage", "articlenote", "oldslug"),
        *_crud("elections", "election", "candidate", "result", "statement"),
        *_crud("elections", "reportingunit", "unitfigures", "unitresult", "seatrule"),
        "elections.view_revision",
        "articles.publish_article",
        "comments.view_comment",
        "comments.view_commenter_email",
        *_crud("comments", "replypolicy"),
        "pages.view_page",
        "pages.change_page",
    ],
    # Reporters write and submit for review. They cannot publish, delete, or
    # touch an article once it is published (articles/admin.py enforces that).
    "Reporters": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        *_crud("articles", "articlestatement", "articleimage"),
        "articles.view_section",
        # Reporters name their own tags and guest bylines as they write.
        "articles.add_author",
        "articles.view_author",
        "articles.add_tag",
        "articles.view_tag",
        "elections.view_election",
        "elections.view_statement",
    ],
    "Moderators": [
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
        "articles.view_article",
        "comments.view_commenter_email",
        "comments.view_moderationaction",
        *_crud("comments", "ban", "replypolicy"),
    ],
}


def ensure_role_groups(sender=None, **kwargs) -> None:
    """Create each role's group and give it exactly the permissions listed."""
    using = kwargs.get("using", "default")
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = [
            permission
            for permission in Permission.objects.using(using).select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        if len(permissions) < len(wanted):
            # Some apps have not migrated yet; a later post_migrate completes it.
            continue
        group.permissions.set(permissions)
