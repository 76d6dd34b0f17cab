"""Uploaded images: what is refused, and the renditions readers are served."""

import hashlib
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# How long "these renditions exist" is believed when read from the storage, not from the job that made them.
UNKNOWN_RENDITIONS_SECONDS = 10 * 60


def validate_image_upload(upload) -> None:
    """Refuse files that are too large, not images, or decompression bombs.

    Pillow is asked to open the header only; the pixel budget is checked
    before anything is decoded, so a bomb never reaches memory.
    """
    if getattr(upload, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    if upload.size > settings.NEWSROOM_IMAGE_MAX_BYTES:
        limit = settings.NEWSROOM_IMAGE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("This file is too large: images may be at most %(limit)d MB."), params={"limit": limit}
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height, kind = image.width, image.height, image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This image has too many pixels to be processed safely.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not an image we can use (JPEG, PNG, WebP or GIF).")) from None
    finally:
        upload.seek(0)
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(_("This file is not an image we can use (JPEG, PNG, WebP or GIF)."))
    if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
        raise ValidationError(_("This image has too many pixels to be processed safely."))


def rendition_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{width}w.jpg")


def make_renditions(name: str) -> list[int]:
    """Write a JPEG of each configured width narrower than the original, through the storage.

    A job (articles.tasks), never inside a request: a 40-megapixel original takes seconds.
    """
    if not name:
        return []
    with default_storage.open(name) as source, Image.open(source) as image:
        widths = [width for width in settings.NEWSROOM_IMAGE_WIDTHS if width < image.width]
        if widths:
            # A JPEG decodes straight at a fraction of its size when that is all we need.
            image.draft("RGB", (max(widths), max(1, round(image.height * max(widths) / image.width))))
        image = image.convert("RGB")
        for width in widths:
            resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            buffer = ContentFile(b"")
            resized.save(buffer, format="JPEG", quality=82, optimize=True)
            target = rendition_name(name, width)
            default_storage.delete(target)
            default_storage.save(target, buffer)
    cache.set(_renditions_key(name), widths, timeout=None)
    return widths


def _renditions_key(name: str) -> str:
    return "renditions:" + hashlib.sha256(name.encode()).hexdigest()


def rendition_widths(name: str) -> list[int]:
    """The widths made for an image; asked of the storage (a request each, on S3) only when not known."""
    widths = cache.get(_renditions_key(name))
    if widths is None:
        widths = [w for w in settings.NEWSROOM_IMAGE_WIDTHS if default_storage.exists(rendition_name(name, w))]
        cache.set(_renditions_key(name), widths, timeout=UNKNOWN_RENDITIONS_SECONDS)
    return widths


def srcset(name: str) -> str:
    """The `srcset` value for an image: its renditions that exist, narrowest first (none yet: "")."""
    return ", ".join(f"{default_storage.url(rendition_name(name, w))} {w}w" for w in rendition_widths(name))
