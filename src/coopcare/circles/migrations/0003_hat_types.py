from django.db import migrations


def add_hat_types(apps, schema_editor):
    from coopcare.circles.hat_types import HAT_TYPES

    HatType = apps.get_model("circles", "HatType")
    for slug, name, scope, description in HAT_TYPES:
        HatType.objects.update_or_create(
            slug=slug, defaults={"name": name, "scope": scope, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("circles", "0002_initial")]
    operations = [migrations.RunPython(add_hat_types, migrations.RunPython.noop)]
