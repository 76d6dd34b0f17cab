"""Guessing a staff password: locked out after a few tries, across workers."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from newsroom.tests.conftest import STAFF_PASSWORD


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, address="198.51.100.20"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_lock_the_account_out_with_a_message(client, moderator):
    for _ in range(2):
        assert attempt(client, "mona", "guess").status_code == 200
    response = attempt(client, "mona", "guess")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    # Even the right password is refused while locked out.
    locked = attempt(client, "mona", STAFF_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_stored_in_the_database_so_every_worker_sees_it(moderator):
    for _ in range(3):
        attempt(Client(), "mona", "guess")
    assert AccessAttempt.objects.get(username="mona").failures_since_start == 3
    assert attempt(Client(), "mona", STAFF_PASSWORD).status_code == 429


def test_someone_else_on_another_address_can_still_log_in(client, moderator, editor):
    for _ in range(3):
        attempt(Client(), "mona", "guess")
    response = attempt(client, "erin", STAFF_PASSWORD, address="203.0.113.5")
    assert response.status_code == 302


def test_right_password_before_the_limit_resets_the_count(client, moderator):
    attempt(Client(), "mona", "guess")
    attempt(Client(), "mona", "guess")
    assert attempt(client, "mona", STAFF_PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="mona", failures_since_start__gt=0).exists()


def test_guesses_spread_over_many_addresses_lock_the_account(client, moderator, settings):
    settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    for n in range(6):
        attempt(Client(), "mona", "guess", address=f"198.51.100.{n + 1}")
    assert attempt(Client(), "mona", STAFF_PASSWORD, address="198.51.100.99").status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_attacker_cannot_lock_a_colleague_out_of_their_usual_address(moderator, settings):
    settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    assert attempt(Client(), "mona", STAFF_PASSWORD, address="203.0.113.7").status_code == 302
    for n in range(6):
        attempt(Client(), "mona", "guess", address=f"198.51.100.{n + 1}")
    assert attempt(Client(), "mona", STAFF_PASSWORD, address="203.0.113.7").status_code == 302
    assert attempt(Client(), "mona", STAFF_PASSWORD, address="198.51.100.99").status_code == 429
