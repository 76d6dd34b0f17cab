"""The Dockerfile and compose.yaml stay true to the code: no container engine needed to check them.

Where a container engine runs, .ci/run also asks it (`docker compose config`, `docker build`).
"""

import re
import shlex
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
NEWSROOM_SERVICES = {"migrate", "app", "worker", "beat"}
# Read by other programs than Django's settings: the images of PostgreSQL and MinIO.
NOT_OURS = {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) of each instruction, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (BASE_DIR / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def variables_the_code_reads() -> set[str]:
    sources = [BASE_DIR / "newsroom" / "settings.py", BASE_DIR / "newsroom" / "env.py", BASE_DIR / "gunicorn.conf.py"]
    pattern = re.compile(r"""(?:env_\w+|environ\.get|_int|env=)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
    return {name for source in sources for name in pattern.findall(source.read_text())}


def command_of(service: dict, dockerfile) -> list[str]:
    command = service.get("command")
    if command is None:
        [cmd] = [arguments for instruction, arguments in dockerfile if instruction == "CMD"]
        command = yaml.safe_load(cmd)
    return command if isinstance(command, list) else shlex.split(command)


def test_compose_runs_app_worker_beat_postgres_redis_and_object_storage(compose):
    assert {"app", "worker", "beat", "db", "redis", "minio", "createbuckets", "migrate"} <= set(compose["services"])


def test_every_variable_given_to_newsroom_is_one_the_settings_read(compose):
    read = variables_the_code_reads()
    for name in NEWSROOM_SERVICES:
        environment = compose["services"][name]["environment"]
        assert set(environment) - NOT_OURS <= read, (name, set(environment) - read)
        for needed in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
            assert needed in environment, (name, needed)


def test_the_secret_key_must_be_given_not_defaulted(compose):
    given = compose["services"]["app"]["environment"]["DJANGO_SECRET_KEY"]
    assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:\?.+\}", given)


def test_the_services_run_gunicorn_a_worker_and_one_beat(compose, dockerfile):
    services = compose["services"]
    assert command_of(services["app"], dockerfile)[:3] == ["gunicorn", "--config", "gunicorn.conf.py"]
    assert command_of(services["worker"], dockerfile)[:4] == ["celery", "-A", "newsroom", "worker"]
    assert command_of(services["beat"], dockerfile)[:4] == ["celery", "-A", "newsroom", "beat"]
    assert "--beat" not in command_of(services["worker"], dockerfile)  # beat runs once, in its own service
    assert command_of(services["migrate"], dockerfile) == ["python", "manage.py", "migrate", "--noinput"]


def test_nothing_starts_before_migrations_and_the_bucket(compose):
    for name in ("app", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["createbuckets"]["condition"] == "service_completed_successfully", name


def test_the_bucket_created_is_the_bucket_configured(compose):
    bucket = compose["services"]["app"]["environment"]["AWS_STORAGE_BUCKET_NAME"]
    script = " ".join(compose["services"]["createbuckets"]["command"])
    assert f"mc mb --ignore-existing local/{bucket}" in script
    assert compose["services"]["app"]["environment"]["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"


def test_the_image_is_multi_stage_and_runs_as_a_user_not_root(dockerfile):
    stages = [arguments.split()[-1] for instruction, arguments in dockerfile if instruction == "FROM"]
    assert len(stages) >= 2
    for instruction, arguments in dockerfile:
        if instruction == "COPY" and "--from=" in arguments:
            assert re.search(r"--from=(\S+)", arguments).group(1) in stages
    final = max(i for i, (instruction, _) in enumerate(dockerfile) if instruction == "FROM")
    users = [arguments for instruction, arguments in dockerfile[final:] if instruction == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}


def test_the_image_serves_with_the_same_gunicorn_config_as_make_serve(dockerfile):
    [cmd] = [arguments for instruction, arguments in dockerfile if instruction == "CMD"]
    assert yaml.safe_load(cmd) == ["gunicorn", "--config", "gunicorn.conf.py", "newsroom.wsgi:application"]
    assert "--config gunicorn.conf.py newsroom.wsgi:application" in (BASE_DIR / "Makefile").read_text()
    runs = " ".join(arguments for instruction, arguments in dockerfile if instruction == "RUN")
    assert "requirements.txt" in runs and "collectstatic" in runs
    # gunicorn.conf.py listens on loopback unless told otherwise: the image must say where.
    assert any(instruction == "ENV" and "WEB_BIND=0.0.0.0:8000" in args for instruction, args in dockerfile)


def test_the_readme_names_every_variable_compose_sets(compose):
    readme = (BASE_DIR / "README.md").read_text()
    section = readme[readme.index("## Operating Newsroom") :]
    missing = [name for name in compose["services"]["app"]["environment"] if f"`{name}`" not in section]
    assert missing == []
