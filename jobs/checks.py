"""System checks for background jobs in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_jobs_have_a_queue(app_configs, **kwargs):
    if settings.CELERY_BROKER_URL:
        return []
    return [
        Warning(
            "No task broker: emails and image renditions run inside the app servers' requests, "
            "and the periodic chores run only if cron runs their commands.",
            hint="Set REDIS_URL (or CELERY_BROKER_URL) and run `make worker` (celery worker --beat).",
            id="jobs.W001",
        )
    ]
