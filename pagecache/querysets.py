"""A QuerySet whose bulk writes tell the page cache which rows they changed (pagecache/signals.py)."""

from django.db import models

from pagecache.signals import rows_updated, rows_updating


class PageQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if not self._has_listeners():
            return super().update(**kwargs)
        pks = set(self.values_list("pk", flat=True))
        fields = frozenset(kwargs)
        self._send(rows_updating, pks, fields)
        count = super().update(**kwargs)
        self._send(rows_updated, pks, fields)
        return count

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        pks, names = {obj.pk for obj in objs}, frozenset(fields)
        self._send(rows_updating, pks, names)
        count = super().bulk_update(objs, fields, batch_size=batch_size)
        self._send(rows_updated, pks, names)
        return count

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self._send(rows_updated, {obj.pk for obj in created if obj.pk is not None}, None)
        return created

    bulk_create.alters_data = True

    def _has_listeners(self) -> bool:
        return rows_updating.has_listeners(self.model) or rows_updated.has_listeners(self.model)

    def _send(self, signal, pks, fields) -> None:
        if pks:
            signal.send(sender=self.model, pks=frozenset(pks), fields=fields)
