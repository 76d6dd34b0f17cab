"""`make run` prints each log line once (Django's own logger used to print its lines twice)."""

import os
import subprocess
import sys

import pytest

from newsroom.tests.servers import BASE_DIR

EMIT = (
    "import logging;"
    "logging.getLogger('django.request').warning('Not Found: /only-once');"
    "logging.getLogger('django.server').info('\"GET /only-once HTTP/1.1\" 200 10');"
    "logging.getLogger('articles').warning('an app warning once')"
)


@pytest.mark.parametrize("debug", ["1", "0"])
def test_it_prints_each_log_line_once(debug):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env |= {
        "DJANGO_DEBUG": debug,
        "DJANGO_SECRET_KEY": "logging-test-secret",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    code = f"import django; django.setup(); {EMIT}"
    finished = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    output = finished.stderr
    assert output.count("Not Found: /only-once") == 1, output
    assert output.count("GET /only-once") == 1, output
    assert output.count("an app warning once") == 1, output
