"""Signals the replies app sends for changes that Django's model signals do not see.

The desk changes many replies at once with QuerySet.update(), which sends no
post_save. Whoever shows replies (the site's page cache) listens here.
"""

from django.dispatch import Signal

# Sent with article_ids: the articles whose visible replies may have changed.
replies_changed = Signal()
