"""Media in object storage: uploads, renditions and their URLs through a real S3 API on loopback.

moto's S3 server runs on a free loopback port for these tests, so boto3 and
django-storages speak real HTTP to it, as they would to AWS, MinIO or R2.
"""

import html
import io
import json
import re
import subprocess
import sys
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import rendition_name
from articles.tests.conftest import article_form, change_url
from newsroom.tests import servers

BUCKET = "newsroom-media"
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}  # moto accepts any


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = servers.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "querystring_auth": True,
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("count.png", buffer.getvalue(), content_type="image/png")


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_upload_and_its_renditions_go_to_object_storage_and_are_read_from_there(
    client, editor, make_article, s3, django_capture_on_commit_callbacks
):
    article = make_article()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):  # the renditions job, after commit
        form = article_form(article, lead_image=png(1000, 600), lead_image_alt="A")
        response = client.post(change_url(article), form)
    assert response.status_code == 302
    article.refresh_from_db()
    name = article.lead_image.name
    assert keys(s3) == {name, rendition_name(name, 480), rendition_name(name, 800)}
    assert default_storage.__class__.__name__ == "S3Storage"

    client.logout()
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert f"img-src 'self' data: {s3.meta.endpoint_url}" in response["Content-Security-Policy"]
    # The URL the page gives a browser (signed when it is made), fetched as a browser would.
    srcset = html.unescape(re.search(r'srcset="([^"]+)"', page).group(1))
    rendition_url, width = srcset.split(", ")[0].rsplit(" ", 1)
    assert width == "480w"
    assert rendition_url.startswith(f"{s3.meta.endpoint_url}/{BUCKET}/{rendition_name(name, 480)}?")
    with urllib.request.urlopen(rendition_url, timeout=10) as answer:  # noqa: S310 - loopback
        assert answer.status == 200
        with Image.open(io.BytesIO(answer.read())) as rendition:
            assert (rendition.format, rendition.width) == ("JPEG", 480)


def test_renditions_are_made_again_in_place_when_the_job_runs_twice(s3, db):
    from articles.images import make_renditions

    buffer = io.BytesIO()
    Image.new("RGB", (900, 300)).save(buffer, format="JPEG")
    name = default_storage.save("articles/2026/05/hall.jpg", io.BytesIO(buffer.getvalue()))
    assert make_renditions(name) == [480, 800]
    assert make_renditions(name) == [480, 800]
    assert keys(s3) == {name, rendition_name(name, 480), rendition_name(name, 800)}


def settings_in(env: dict[str, str]) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'default': settings.STORAGES['default'], 'serve': settings.NEWSROOM_SERVE_MEDIA}))"
    )
    output = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        cwd=servers.BASE_DIR,
        env=servers.server_env(DJANGO_SETTINGS_MODULE="newsroom.settings", **env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_object_storage_is_configured_from_the_environment():
    found = settings_in(
        {
            "AWS_STORAGE_BUCKET_NAME": "media",
            "AWS_S3_ENDPOINT_URL": "http://minio:9000",
            "AWS_S3_REGION_NAME": "auto",
            "AWS_S3_CUSTOM_DOMAIN": "media.news.example.org",
            "AWS_QUERYSTRING_AUTH": "0",
        }
    )
    options = found["default"]["OPTIONS"]
    assert found["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "media",
        "http://minio:9000",
        "auto",
    )
    assert options["custom_domain"] == "media.news.example.org" and options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert found["serve"] is False  # the bucket (or its CDN) serves media, not the app servers


def test_without_a_bucket_media_is_on_this_machine_and_served_by_the_site():
    found = settings_in({})
    assert found["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["serve"] is True
