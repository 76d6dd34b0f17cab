"""The Celery application: background jobs on the Redis that is already there.

`make worker` (celery -A newsroom worker --beat) runs them. Settings come from
newsroom/settings.py, the CELERY_ ones; tasks live in each app's tasks.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
