"""Settings for the real servers the load and fault tests start (gunicorn).

Production settings, except that static files need no collectstatic manifest.
"""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
