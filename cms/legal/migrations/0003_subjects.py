from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("legal", "0002_reference_data")]

    operations = [
        migrations.RenameField("legaldocumentpage", "topics", "subjects"),
    ]
