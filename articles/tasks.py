"""The articles app's background jobs: image renditions, off the editor's request."""

from celery import shared_task

from articles import images


# Storage briefly unreachable: try again a few times. Running twice rewrites the same files.
@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def make_renditions(name: str) -> list[int]:
    return images.make_renditions(name)
