"""Approved replies arranged as a thread, built in one query."""

from dataclasses import dataclass, field

from comments.models import Comment

# What the page shows of a reply (comments/templatetags/replies.py): not the
# email, address or moderation notes, which the page has no use for.
THREAD_FIELDS = ("pk", "parent_id", "name", "website", "body", "status", "created_at", "is_staff_reply", "is_featured")


@dataclass
class ThreadNode:
    comment: Comment
    children: list["ThreadNode"] = field(default_factory=list)


def build_thread(comments) -> list[ThreadNode]:
    """Nest replies under their parents, at any depth; a reply whose parent is hidden moves up."""
    nodes = {comment.pk: ThreadNode(comment) for comment in comments}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def approved_thread(article) -> tuple[list[ThreadNode], int]:
    """Featured replies first, then oldest first, at every level."""
    comments = list(
        Comment.objects.approved()
        .filter(article=article)
        .only(*THREAD_FIELDS)
        .order_by("-is_featured", "created_at", "pk")
    )
    return build_thread(comments), len(comments)
