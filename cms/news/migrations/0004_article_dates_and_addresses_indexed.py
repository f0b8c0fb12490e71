"""Readers' queries that must not read the whole archive: the newest articles (by publication
date) and an article found by its address (Wagtail's ``url_path``, which Wagtail leaves
unindexed). A hash index on PostgreSQL: equality is all it serves, and it takes addresses of any
length."""

import django.utils.timezone
from django.db import migrations, models

URL_PATH_INDEX = "news_page_url_path"


def index_url_paths(apps, schema_editor) -> None:
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {URL_PATH_INDEX} ON wagtailcore_page {method}(url_path)"
    )


def drop_url_path_index(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {URL_PATH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_alter_articlepage_body_alter_standardpage_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="articlepage",
            name="publication_date",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="publication date"
            ),
        ),
        migrations.RunPython(index_url_paths, drop_url_path_index),
    ]
