"""`make lighthouse`'s server: the production settings of `make serve`, plus the demo's pictures.

In production, uploaded media come from the web server or object storage in front
of the site; here Django serves them, so that pages are measured with their images.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.lighthouse_urls"
