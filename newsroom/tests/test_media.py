"""Uploaded media served by the site itself (a single server, media on its own disk): only uploads, safely."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from newsroom.tests import servers


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_an_uploaded_image_is_served_with_its_type_nosniff_and_long_cache(client, db):
    name = default_storage.save("articles/2026/05/ballot.jpg", ContentFile(jpeg_bytes()))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == jpeg_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=2592000" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Last-Modified" in response


def test_a_rendition_is_served_and_a_conditional_get_answers_304(client, db):
    name = default_storage.save("renditions/articles/2026/05/ballot-480w.jpg", ContentFile(jpeg_bytes()))
    first = client.get(f"/media/{name}")
    assert first.status_code == 200
    again = client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/articles/",  # no directory listing
        "/media/articles/2026/",
        "/media/",
        "/media/articles/../secret.jpg",
        "/media/articles/%2e%2e/%2e%2e/secret.jpg",
        "/media/articles/..%2f..%2fsecret.jpg",
        "/media/private/ballot.jpg",  # not a folder uploads go to
        "/media/secret.jpg",
        "/media/articles/.hidden.jpg",
        "/media/articles/page.html",  # only images, by extension
        "/media/articles/drawing.svg",
        "/media/articles/notes.txt",
        "/media/articles/missing.jpg",
        "/media/articles/a\\..\\secret.jpg",
    ],
)
def test_nothing_but_an_upload_is_served(client, db, settings, path):
    root = settings.MEDIA_ROOT
    (root / "secret.jpg").write_bytes(jpeg_bytes())
    (root.parent / "secret.jpg").write_bytes(jpeg_bytes())
    for folder in ("articles", "private"):
        (root / folder).mkdir(exist_ok=True)
        for file in ("page.html", "drawing.svg", "notes.txt", ".hidden.jpg", "ballot.jpg"):
            (root / folder / file).write_bytes(b"<script>alert(1)</script>")
    response = client.get(path)
    assert response.status_code == 404


def test_only_reading_methods_are_allowed(client, db):
    name = default_storage.save("articles/2026/05/ballot.jpg", ContentFile(jpeg_bytes()))
    assert client.head(f"/media/{name}").status_code == 200
    assert client.post(f"/media/{name}").status_code == 405


def test_make_serve_serves_uploaded_media(tmp_path):
    """Production settings (DEBUG off, gunicorn): /media/ answered 404 before, although the file was on disk."""
    with servers.site_database(tmp_path) as url:
        media = tmp_path / "media"
        (media / "articles").mkdir(parents=True)
        (media / "articles" / "ballot.jpg").write_bytes(jpeg_bytes())
        env = servers.server_env(DATABASE_URL=url, DJANGO_MEDIA_ROOT=str(media))
        with servers.gunicorn(env, workers=1, threads=2) as base_url:
            reader = servers.Reader(base_url)
            answer = reader.get("/media/articles/ballot.jpg")
            assert answer.status == 200
            assert answer.headers["Content-Type"] == "image/jpeg"
            assert answer.headers["X-Content-Type-Options"] == "nosniff"
            assert reader.get("/media/articles/").status == 404
