"""Approved replies arranged as a thread, a page of top-level threads at a time.

A page holds NEWSROOM_REPLY_THREADS_PER_PAGE top-level replies with all their
answers, so the article page costs the same with a thousand replies as with
ten: one query reads the page's replies and the thread's counts. It is
written in SQL because it walks the thread to any depth (WITH RECURSIVE, in
SQLite and PostgreSQL alike), which Django's ORM cannot say. A reply whose
parent readers cannot see is shown as a top-level reply.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.urls import reverse
from django.utils.translation import gettext

from comments.models import Comment

# What the page shows of a reply (templates/comments/_replies.html), in
# ShownReply's order: not the email, address or moderation notes, which the
# page has no use for; the query reads approved replies only.
THREAD_FIELDS = ("pk", "parent_id", "name", "website", "body", "created_at", "is_staff_reply", "is_featured")
NAME = THREAD_FIELDS.index("name")
# Featured replies first, then oldest first, at every level.
THREAD_ORDER = ("-is_featured", "created_at", "pk")


@dataclass(slots=True)
class ShownReply:
    """What templates/comments/_replies.html shows of an approved reply: values, worked out once per page."""

    pk: int
    parent_id: int | None
    name: str
    website: str
    body: str
    created_at: datetime
    is_staff_reply: bool
    is_featured: bool
    label: str = ""  # "Reply by NAME", translated
    reply_to_label: str = ""  # "Reply to NAME", translated
    report_url: str = ""
    is_approved: bool = True  # the thread shows approved replies only
    children: list["ShownReply"] = field(default_factory=list)  # its answers shown under it


@dataclass
class ThreadPage:
    nodes: list[ShownReply]  # the top-level replies, each holding its answers
    page: Page  # of top-level replies
    count: int  # approved replies on the article, at every level


def shown_replies(rows) -> list[ShownReply]:
    """The page's replies as values (rows of THREAD_FIELDS): translations and a URL looked up once per page."""
    by, to = gettext("Reply by %(name)s"), gettext("Reply to %(name)s")
    sentinel = 2_147_483_647  # no real reply's pk, replaced in the URL reversed once
    report = reverse("comments:report", kwargs={"pk": sentinel}).replace(str(sentinel), "{}")
    return [
        ShownReply(
            *row,
            label=by % {"name": row[NAME]},
            reply_to_label=to % {"name": row[NAME]},
            report_url=report.format(row[0]),
        )
        for row in rows
    ]


def build_thread(replies) -> list[ShownReply]:
    """Nest replies under their parents, at any depth; a reply whose parent is hidden moves up."""
    nodes = {reply.pk: reply for reply in replies}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def _layout(article) -> tuple[list[int], dict[int, int]]:
    """The top-level approved replies in thread order, and the top-level reply each approved reply sits under."""
    approved = Comment.objects.approved().filter(article=article).order_by(*THREAD_ORDER)
    rows = list(approved.values_list("pk", "parent_id"))
    parents = dict(rows)
    root_of = {}
    for pk, _parent in rows:
        path, current = [], pk
        while current not in root_of and parents.get(current) in parents and len(path) < len(parents):
            path.append(current)
            current = parents[current]
        root = root_of.get(current, current)
        for step in [*path, current]:
            root_of[step] = root
    roots = [pk for pk, _parent in rows if root_of[pk] == pk]
    return roots, root_of


def threads_per_page() -> int:
    return max(1, settings.NEWSROOM_REPLY_THREADS_PER_PAGE)


PAGE_SQL = """
WITH RECURSIVE visible AS (
    SELECT id, parent_id, is_featured, created_at FROM {table} WHERE article_id = %s AND status = %s
), roots AS (
    SELECT id, is_featured, created_at FROM visible
    WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM visible)
), shown AS (
    SELECT id FROM roots ORDER BY is_featured DESC, created_at, id LIMIT %s OFFSET %s
), tree (id) AS (
    SELECT id FROM shown
    UNION ALL
    SELECT visible.id FROM visible JOIN tree ON visible.parent_id = tree.id
)
SELECT {columns}, (SELECT COUNT(*) FROM visible) AS thread_count, (SELECT COUNT(*) FROM roots) AS root_count
FROM {table} WHERE id IN (SELECT id FROM tree)
ORDER BY is_featured DESC, created_at, id
"""
MAX_PAGE = 100_000  # past any thread; keeps the OFFSET inside what databases accept


def page_number(raw) -> int:
    """The page of the thread `?replies=` asks for, however it is spelt ("02", " 2"); InvalidPage if none."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise PageNotAnInteger from None
    if not 1 <= number <= MAX_PAGE:
        raise EmptyPage
    return number


def thread_page(article, number) -> ThreadPage:
    """Page `number` of the thread, in one query; raises django.core.paginator.InvalidPage when there is none."""
    number, per_page = page_number(number), threads_per_page()
    columns = ", ".join(field.column for field in _thread_fields())
    sql = PAGE_SQL.format(table=Comment._meta.db_table, columns=columns)
    params = [article.pk, Comment.Status.APPROVED, per_page, (number - 1) * per_page]
    rows = _read(sql, params)
    count, roots = rows[0][-2:] if rows else (0, 0)
    page = Paginator(range(roots), per_page).page(number)  # EmptyPage past the last (page 1 may be empty)
    return ThreadPage(nodes=build_thread(shown_replies(row[:-2] for row in rows)), page=page, count=count)


def _thread_fields() -> list:
    meta = Comment._meta
    return [meta.pk if name == "pk" else meta.get_field(name) for name in THREAD_FIELDS]


def _read(sql: str, params: list) -> list[list]:
    """The query's rows as plain values, converted as the ORM would (SQLite's text dates and 0/1 booleans).

    No model instances: building and initialising them was a dear step of each reply.
    """
    connection = connections[Comment.objects.db]
    fields = _thread_fields()
    columns = [field.get_col(Comment._meta.db_table) for field in fields]
    converters = [
        [
            (converter, column)
            for converter in connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        ]
        for field, column in zip(fields, columns, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for index, steps in enumerate(converters):
            for converter, column in steps:
                row[index] = converter(row[index], column, connection)
    return rows


def page_of(comment: Comment) -> int | None:
    """The thread page that shows `comment`, or None when readers cannot see it."""
    if not comment.is_approved:
        return None
    roots, root_of = _layout(comment.article_id)
    root = root_of.get(comment.pk)
    return None if root is None else roots.index(root) // threads_per_page() + 1


def replying_to_from(raw: str, article) -> Comment | None:
    """The approved reply named by ?replyto=ID (or the form's parent field): "Reply to NAME" without JavaScript."""
    if not raw.isdigit() or len(raw) > 18:
        return None
    return Comment.objects.approved().filter(article=article, pk=int(raw)).only("pk", "name").first()
