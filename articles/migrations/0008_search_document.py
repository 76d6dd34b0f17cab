"""The search document stored with each article, and the GIN index moved onto it (PostgreSQL only).

The column is generated: PostgreSQL computes it for the rows that exist when
it is added (rewriting the table) and for every row written after, however it
is written. On SQLite it is NULL and unindexed. The old index on the
expression (0003) goes, the same name now indexing the column.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

import articles.search

NAME = "article_search_idx"


def _expression_index():
    document = SearchVector("title", weight="A", config="simple") + SearchVector(
        "summary", "body", weight="B", config="simple"
    )
    return GinIndex(document, name=NAME)


def _swap(old, new):
    def swap(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            article = apps.get_model("articles", "Article")
            schema_editor.remove_index(article, old())
            schema_editor.add_index(article, new())

    return swap


def _column_index():
    return GinIndex(fields=["search_document"], name=NAME)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_listings")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=articles.search.OnPostgres(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector("title", config="simple", weight="A"),
                        "||",
                        django.contrib.postgres.search.SearchVector("summary", "body", config="simple", weight="B"),
                        django.contrib.postgres.search.SearchConfig("simple"),
                    ),
                    output_field=django.contrib.postgres.search.SearchVectorField(),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search document",
            ),
        ),
        migrations.RunPython(
            _swap(_expression_index, _column_index), _swap(_column_index, _expression_index), elidable=False
        ),
    ]
