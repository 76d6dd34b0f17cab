"""Lead and inline images: renditions for srcset, and bad uploads refused."""

import io
import struct
import zlib

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import rendition_name
from articles.models import ArticleImage
from articles.tests.conftest import article_form, change_url


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width: int, height: int, name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_header_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A few bytes that announce a gigantic image: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bomb.png", data, content_type="image/png")


def post_lead_image(client, article, upload, alt="A red square"):
    return client.post(change_url(article), article_form(article, lead_image=upload, lead_image_alt=alt))


def test_lead_image_gets_renditions_served_with_width_descriptors(
    client, editor, make_article, django_capture_on_commit_callbacks
):
    article = make_article()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_lead_image(client, article, png(1000, 500)).status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="A red square"' in page
    assert "-480w.jpg 480w" in page
    assert "-800w.jpg 800w" in page
    assert "1200w" not in page  # never upscaled


def test_lead_image_without_alt_text_is_refused(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    response = post_lead_image(client, article, png(100, 100), alt="")
    assert response.status_code == 200
    assert "Describe the lead image" in response.content.decode()
    article.refresh_from_db()
    assert not article.lead_image


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.png", b"just some text", content_type="image/png"), "Upload a valid image"),
        (png_header_claiming(40_000, 40_000), "Upload a valid image"),
        (png_header_claiming(9_000, 9_000), "too many pixels"),
    ],
    ids=["not-an-image", "decompression-bomb", "too-many-pixels"],
)
def test_bad_uploads_are_refused_with_a_message(client, editor, make_article, upload, message):
    article = make_article()
    client.force_login(editor)
    response = post_lead_image(client, article, upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert not article.lead_image


def test_too_large_a_file_is_refused_with_its_limit(client, editor, make_article, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1024 * 1024
    article = make_article()
    client.force_login(editor)
    noise = Image.frombytes(
        "RGB", (700, 700), bytes(range(256)) * (700 * 700 * 3 // 256) + b"\0" * (700 * 700 * 3 % 256)
    )
    buffer = io.BytesIO()
    noise.save(buffer, format="BMP")
    response = post_lead_image(client, article, SimpleUploadedFile("big.bmp", buffer.getvalue()))
    assert response.status_code == 200
    assert "images may be at most 1 MB" in response.content.decode()


def test_renditions_are_a_job_and_the_page_shows_the_original_until_it_has_run(
    client, editor, make_article, django_capture_on_commit_callbacks
):
    article = make_article()
    client.force_login(editor)
    with django_capture_on_commit_callbacks() as jobs:
        assert post_lead_image(client, article, png(1000, 500)).status_code == 302
    article.refresh_from_db()
    assert not default_storage.exists(rendition_name(article.lead_image.name, 480))  # the request made none
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{article.lead_image.url}"' in page and "srcset=" not in page
    for job in jobs:
        job()
    assert default_storage.exists(rendition_name(article.lead_image.name, 480))
    cache.clear()  # the page cache; the job does not change the article
    assert "-480w.jpg 480w" in client.get(article.get_absolute_url()).content.decode()


def test_inline_image_requires_alt_text_and_offers_its_markup(
    client, editor, make_article, django_capture_on_commit_callbacks
):
    article = make_article()
    client.force_login(editor)
    data = article_form(article) | {
        "images-TOTAL_FORMS": "1",
        "images-0-image": png(900, 600, "inline.png"),
        "images-0-alt": "",
        "images-0-position": "0",
    }
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert not ArticleImage.objects.exists()

    article.refresh_from_db()
    data = article_form(article) | {
        "images-TOTAL_FORMS": "1",
        "images-0-image": png(900, 600, "inline.png"),
        "images-0-alt": "Ballot boxes",
        "images-0-credit": "Photo: CEC",
        "images-0-position": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(article), data).status_code == 302
    image = ArticleImage.objects.get()
    assert "-480w.jpg 480w" in image.figure_html()
    assert "Photo: CEC" in image.figure_html()


def test_article_with_an_image_saves_again_without_a_new_upload(client, editor, make_article, settings):
    article = make_article()
    client.force_login(editor)
    post_lead_image(client, article, png(600, 400))
    settings.NEWSROOM_IMAGE_MAX_BYTES = 10  # the stored file is not judged again
    article.refresh_from_db()
    response = client.post(change_url(article), article_form(article, title="Retitled", lead_image_alt="A red square"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Retitled"
    assert article.lead_image
