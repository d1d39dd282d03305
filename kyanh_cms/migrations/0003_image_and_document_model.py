"""Foreign keys to images and documents follow the portal's own image and document
models (``WAGTAILIMAGES_IMAGE_MODEL``, ``WAGTAILDOCS_DOCUMENT_MODEL``).

0001 pointed them at Wagtail's default models. On a portal with the defaults this
migration changes nothing in the database; on a portal with its own models it
points the keys at them, as the models do.
"""

import django.db.models.deletion
from django.db import migrations, models
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string


class Migration(migrations.Migration):
    dependencies = [
        ("kyanh_cms", "0002_search_index"),
        migrations.swappable_dependency(get_image_model_string()),
        migrations.swappable_dependency(get_document_model_string()),
    ]

    operations = [
        migrations.AlterField(
            model_name="newsarticlepage",
            name="main_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown at the top of the article, in listings and when the article is shared.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=get_image_model_string(),
                verbose_name="main image",
            ),
        ),
        migrations.AlterField(
            model_name="portalsettings",
            name="emblem",
            field=models.ForeignKey(
                blank=True,
                help_text="The emblem or logo shown left of the portal name.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=get_image_model_string(),
                verbose_name="emblem",
            ),
        ),
        migrations.AlterField(
            model_name="showcasepage",
            name="main_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown on cards and at the top of the page.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=get_image_model_string(),
                verbose_name="main image",
            ),
        ),
        migrations.AlterField(
            model_name="showcasegalleryimage",
            name="image",
            field=models.ForeignKey(
                help_text="A photo of the model or exemplar at work.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=get_image_model_string(),
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="showcaseevidencedocument",
            name="document",
            field=models.ForeignKey(
                help_text="A registration form, report or decision of commendation.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=get_document_model_string(),
                verbose_name="document",
            ),
        ),
    ]
