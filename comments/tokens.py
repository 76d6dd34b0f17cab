"""Signed tokens: the reader's own replies, email confirmation, unsubscribe.

Nothing here is stored on the server. The reader's browser keeps a cookie,
scoped to /comments/ so that cacheable article pages never vary on it, that
lists the replies it posted; the signature proves it, the timestamp bounds it.
"""

from django.conf import settings
from django.core import signing

OWN_REPLIES_COOKIE = "nr_replies"
OWN_REPLIES_SALT = "comments.own-replies"
OWN_REPLIES_MAX_AGE = 7 * 24 * 60 * 60
OWN_REPLIES_KEEP = 20
CONFIRM_SALT = "comments.confirm-email"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
UNSUBSCRIBE_SALT = "comments.unsubscribe"
PROVEN_EMAIL_COOKIE = "nr_commenter"
PROVEN_EMAIL_SALT = "comments.proven-email"
PROVEN_EMAIL_MAX_AGE = 365 * 24 * 60 * 60


def own_reply_ids(request) -> list[int]:
    """The replies this browser posted, if its cookie is genuine and not too old."""
    raw = request.COOKIES.get(OWN_REPLIES_COOKIE, "")
    try:
        ids = signing.loads(raw, salt=OWN_REPLIES_SALT, max_age=OWN_REPLIES_MAX_AGE)
    except signing.BadSignature:
        return []
    return [pk for pk in ids if isinstance(pk, int)] if isinstance(ids, list) else []


def remember_own_reply(request, response, comment_id: int) -> None:
    ids = [comment_id, *[pk for pk in own_reply_ids(request) if pk != comment_id]][:OWN_REPLIES_KEEP]
    response.set_cookie(
        OWN_REPLIES_COOKIE,
        signing.dumps(ids, salt=OWN_REPLIES_SALT),
        max_age=OWN_REPLIES_MAX_AGE,
        path="/comments/",
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def confirm_token(*, comment_id: int, email: str) -> str:
    return signing.dumps([comment_id, email.lower()], salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> tuple[int, str] | None:
    try:
        comment_id, email = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return comment_id, email


def unsubscribe_token(comment_id: int) -> str:
    # No expiry: an unsubscribe link must keep working for as long as mail is sent.
    return signing.dumps(comment_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        comment_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return comment_id if isinstance(comment_id, int) else None


def remember_proven_email(response, email: str) -> None:
    """This browser opened the confirmation link of `email`: its proof for first-time mode."""
    response.set_cookie(
        PROVEN_EMAIL_COOKIE,
        signing.dumps(email.strip().lower(), salt=PROVEN_EMAIL_SALT),
        max_age=PROVEN_EMAIL_MAX_AGE,
        path="/comments/",
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


def proven_email(request) -> str:
    """The address this browser proved it reads (lower case), or "" without a genuine cookie."""
    try:
        email = signing.loads(
            request.COOKIES.get(PROVEN_EMAIL_COOKIE, ""), salt=PROVEN_EMAIL_SALT, max_age=PROVEN_EMAIL_MAX_AGE
        )
    except signing.BadSignature:
        return ""
    return email if isinstance(email, str) else ""
