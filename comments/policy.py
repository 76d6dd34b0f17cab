"""The moderation policy: a pipeline of named checks that decide a new reply's status.

Each check looks at the reply and either stays silent or objects with a
verdict and a reason. A refusal stops the reply from being stored at all;
otherwise the strictest verdict wins (spam over held over approved) and every
objection is recorded on the reply, so the desk sees why it was held.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Ban, Comment, Commenter, ReplyPolicy

LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)

REFUSE, SPAM, HOLD, APPROVE = "refuse", "spam", "hold", "approve"
FIRST_TIME = "first-time commenter"
Reason = Comment.Reason
SEVERITY = {REFUSE: 3, SPAM: 2, HOLD: 1, APPROVE: 0}
STATUS_FOR = {SPAM: Comment.Status.SPAM, HOLD: Comment.Status.PENDING, APPROVE: Comment.Status.APPROVED}


@dataclass(frozen=True)
class Verdict:
    outcome: str
    reason: str  # for the desk, with the detail (which word, how many links)
    code: str  # a Comment.Reason, for code


@dataclass(frozen=True)
class Decision:
    status: str
    reasons: list[str]
    codes: list[str]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)[:200]


class Refused(Exception):
    """The reply may not be stored; the message is safe to show the reader."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _words_in(text: str, words) -> list[str]:
    lowered = text.lower()
    return [word for word in words if word.strip() and word.lower() in lowered]


def check_banned(comment: Comment) -> Verdict | None:
    email = comment.email.strip().lower()
    domain = email.rpartition("@")[2]
    wanted = [(Ban.Kind.EMAIL, email), (Ban.Kind.DOMAIN, domain)]
    if comment.ip_address:
        wanted.append((Ban.Kind.IP, comment.ip_address.lower()))
    # One query for all three, two IN lists (cheaper to build than an OR of pairs, and the (kind, value)
    # index serves it); the pairs are matched here, and the first kind in `wanted` names the verdict.
    kinds, values = {kind for kind, _value in wanted}, {value for _kind, value in wanted}
    found = set(Ban.objects.filter(kind__in=kinds, value__in=values).values_list("kind", "value"))
    for kind, value in wanted:
        if (kind, value) in found:
            return Verdict(REFUSE, f"banned {kind}", Reason.BANNED)
    return None


def check_disallowed_words(comment: Comment) -> Verdict | None:
    if found := _words_in(comment.body, settings.NEWSROOM_REPLY_DISALLOWED_WORDS):
        return Verdict(SPAM, f"disallowed word: {found[0]}", Reason.DISALLOWED_WORD)
    return None


def check_links(comment: Comment) -> Verdict | None:
    links = len(LINK_PATTERN.findall(comment.body)) + (1 if comment.website else 0)
    if links > settings.NEWSROOM_REPLY_MAX_LINKS:
        return Verdict(HOLD, f"too many links: {links} (limit {settings.NEWSROOM_REPLY_MAX_LINKS})", Reason.LINKS)
    return None


def check_suspect_words(comment: Comment) -> Verdict | None:
    if found := _words_in(comment.body, settings.NEWSROOM_REPLY_SUSPECT_WORDS):
        return Verdict(HOLD, f"suspect word: {found[0]}", Reason.SUSPECT_WORD)
    return None


def check_mode(comment: Comment) -> Verdict:
    if comment.is_staff_reply:
        return Verdict(APPROVE, "staff reply", Reason.STAFF)
    mode = moderation_mode(comment.article)
    if mode == ReplyPolicy.Mode.POST:
        return Verdict(APPROVE, "post-moderation", Reason.POST_MODERATION)
    if mode == ReplyPolicy.Mode.FIRST_TIME:
        if is_known_commenter(comment.email, proof=comment.proven_email):
            return Verdict(APPROVE, "known commenter", Reason.KNOWN_COMMENTER)
        return Verdict(HOLD, FIRST_TIME, Reason.FIRST_TIME)
    return Verdict(HOLD, "pre-moderation", Reason.PRE_MODERATION)


CHECKS: list[tuple[str, Callable[[Comment], Verdict | None]]] = [
    ("banned", check_banned),
    ("disallowed words", check_disallowed_words),
    ("links", check_links),
    ("suspect words", check_suspect_words),
    ("mode", check_mode),
]


def judge(comment: Comment) -> Decision:
    """Run every check; raise Refused, or return the strictest verdict with all reasons."""
    verdicts = [verdict for _name, check in CHECKS if (verdict := check(comment))]
    worst = max(verdicts, key=lambda verdict: SEVERITY[verdict.outcome])
    if worst.outcome == REFUSE:
        raise Refused(str(_("Replies from this address are not accepted.")))
    objections = [v for v in verdicts if v.outcome != APPROVE] or [worst]
    return Decision(STATUS_FOR[worst.outcome], [v.reason for v in objections], [v.code for v in objections])


def _policy(article) -> ReplyPolicy | None:
    # Through the relation, so that a page asking twice (thread and form) queries once.
    try:
        return article.reply_policy
    except ReplyPolicy.DoesNotExist:
        return None


def moderation_mode(article) -> str:
    policy = _policy(article)
    return (policy and policy.mode) or settings.NEWSROOM_REPLY_MODE


def replies_open(article) -> bool:
    """Open unless closed on the article or older than the days the site (or article) allows."""
    if not article.comments_open:
        return False
    policy = _policy(article)
    days = policy.close_after_days if policy and policy.close_after_days is not None else None
    if days is None:
        days = settings.NEWSROOM_REPLY_CLOSE_AFTER_DAYS
    return not days or timezone.now() < article.publish_at + timedelta(days=days)


def speaks_for_the_desk(user) -> bool:
    """Editors and moderators (by their permissions) post with the staff badge, straight through."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.has_perm("comments.moderate_comment") or user.has_perm("articles.publish_article")


def is_known_commenter(email: str, *, proof: str) -> bool:
    """A confirmed email, typed by a browser that proved it reads it (`proof`, from its signed cookie).

    Typing a known commenter's email proves nothing: anyone can type it.
    """
    email = email.strip().lower()
    if not email or email != proof.strip().lower():
        return False
    return Commenter.objects.filter(email__iexact=email, confirmed_at__isnull=False).exists()
