"""The body editor's own extension for django-prose-editor (its DJANGO_PROSE_EDITOR_EXTENSIONS extension point).

"NewsroomInsert" adds two toolbar buttons (static/articles/prose-newsroom.js):
insert one of the article's images as a figure (alt text, caption and credit
from the image), and link the selected words to one of our own articles.
It adds no markup of its own: figures, images and links come from the editor's
Figure and Link extensions, and articles/sanitising.py decides what is kept.
"""

from js_asset import static_lazy


def process_newsroom_insert(config, shared_config):
    """Nothing to allow for the sanitiser: the buttons only insert figures and links."""


PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/prose-newsroom.js")],
        "extensions": {"NewsroomInsert": process_newsroom_insert},
    }
]
