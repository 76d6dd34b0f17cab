"""Login lockout per account as well as per account and address (django-axes).

axes locks one account on one address after AXES_FAILURE_LIMIT failures. An
attacker spreading guesses over many addresses never reaches that, so the
account is also locked from everywhere after NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT
failures within the cool-off time. That lock spares the addresses the account
has logged in from before: an attacker cannot lock a colleague out of their
own desk at will.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum


class AccountLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.account_locked(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and self.account_locked(request, credentials):
            # What axes sets for its own lockout: the middleware answers with the lockout page.
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def account_locked(self, request, credentials=None) -> bool:
        username = get_client_username(request, credentials)
        if not username:
            return False
        ip_address = getattr(request, "axes_ip_address", None)
        if ip_address and AccessLog.objects.filter(username=username, ip_address=ip_address).exists():
            return False
        recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
        failures = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
        return failures >= settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT
