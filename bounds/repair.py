"""Bringing rows stored before the ranges existed back into them (used by data migrations)."""

from django.db import models

from bounds.validators import earliest_datetime, latest_datetime


def bring_into_range(model, field_name: str) -> int:
    """Set out-of-range values to NULL where the column allows it, else to the nearest bound.

    Compared and updated in SQL: such a value may be one the driver cannot read.
    """
    field = model._meta.get_field(field_name)
    low, high = earliest_datetime(), latest_datetime()
    if not isinstance(field, models.DateTimeField):
        low, high = low.date(), high.date()
    changed = 0
    for lookup, bound in (("lt", low), ("gt", high)):
        rows = model._default_manager.filter(**{f"{field_name}__{lookup}": bound})
        changed += rows.update(**{field_name: None if field.null else bound})
    return changed


def repair(app_label: str, fields: dict[str, list[str]]):
    """A RunPython function that brings `fields` ({model name: [field names]}) of `app_label` into range."""

    def run(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            for name in names:
                bring_into_range(model, name)

    return run
