"""Uploaded media, served by the site itself where it lives on the site's own disk.

That is `make run` and a single-server `make serve`; with object storage
(AWS_STORAGE_BUCKET_NAME) media URLs point at the bucket or its CDN and this
view is not mounted. Only what editors uploaded is served: images (by their
extension, with that type and `nosniff`, so no file is ever read as a page or
a script) under the folders the models upload to, and their renditions. No
listing, no hidden files, no path that leaves those folders.
"""

import re
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# The models' upload_to folders, and where articles.images writes renditions.
MEDIA_FOLDERS = {"articles", "candidates", "renditions"}
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# One path segment as Django's storage names files: no leading dot, no separators, no "..".
SEGMENT = re.compile(r"\w[\w.-]*")


def storage_name(path: str) -> str | None:
    """The storage name `path` asks for, or None when it is not something this view may serve."""
    segments = path.split("/")
    if len(segments) < 2 or segments[0] not in MEDIA_FOLDERS:
        return None
    if not all(SEGMENT.fullmatch(segment) and ".." not in segment for segment in segments):
        return None
    if PurePosixPath(path).suffix.lower() not in CONTENT_TYPES:
        return None
    return path


@require_safe
def serve(request, path):
    name = storage_name(path)
    if name is None or not default_storage.exists(name):
        raise Http404
    content_type = CONTENT_TYPES[PurePosixPath(name).suffix.lower()]
    response = FileResponse(default_storage.open(name), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Uploads get new names (the storage never overwrites one); renditions follow theirs.
    response["Cache-Control"] = f"public, max-age={settings.NEWSROOM_MEDIA_MAX_AGE}"
    response["Last-Modified"] = http_date(default_storage.get_modified_time(name).timestamp())
    return response
