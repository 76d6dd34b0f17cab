"""A GIN index on the full-text search document, on PostgreSQL only.

SQLite has no full-text index of this kind and searches without one, so the
index is not part of the model's state. It is built on the same expression
as articles.search.search_vector() (copied, as migrations must not change when
the code does); a test checks with EXPLAIN that searches use it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def _index():
    document = SearchVector("title", weight="A", config="simple") + SearchVector(
        "summary", "body", weight="B", config="simple"
    )
    return GinIndex(document, name="article_search_idx")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), _index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), _index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_desk")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
