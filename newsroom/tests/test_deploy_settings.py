"""Production settings pass Django's deploy checks and send the security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.tests.payloads import markup_problems

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-production-like-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://news.example.org",
    "DJANGO_HTTPS": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/7",
    "NEWSROOM_SITE_URL": "https://news.example.org",
}


def run_deploy_check(**overrides) -> subprocess.CompletedProcess:
    # Settings are read from the environment at import: check them in a fresh process.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "NEWSROOM_"))}
    env.update(PRODUCTION_ENV, **overrides)
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_deploy_check()
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_flags_https_turned_off():
    result = run_deploy_check(DJANGO_HTTPS="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_deploy_check(DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("path", ["/", "/news/tokayev-elected-president/", "/search/?q=x", "/no-such-page/"])
def test_every_page_sends_a_strict_content_security_policy(client, demo, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_carry_no_inline_script_or_style(client, demo):
    for path in ("/", demo.get_absolute_url(), "/search/?q=tokayev", "/no-such-page/"):
        assert markup_problems(client.get(path).content.decode()) == [], path


def test_check_deploy_refuses_a_proxy_without_a_trusted_proxy_count():
    result = run_deploy_check(DJANGO_BEHIND_PROXY="1", NEWSROOM_TRUSTED_PROXY_COUNT="0")
    assert result.returncode != 0
    assert "newsroom.E002" in result.stderr + result.stdout
    assert run_deploy_check(DJANGO_BEHIND_PROXY="1", NEWSROOM_TRUSTED_PROXY_COUNT="1").returncode == 0


def test_check_deploy_refuses_a_cache_each_worker_keeps_for_itself():
    result = run_deploy_check(REDIS_URL="")
    assert result.returncode != 0
    assert "pagecache.E001" in result.stderr + result.stdout
