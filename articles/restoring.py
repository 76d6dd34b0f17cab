"""Restoring one article from its history, and nothing else.

django-reversion's admin restores a whole revision: when one revision holds
several articles (a bulk "Unpublish"), restoring one of them would silently
restore all. It also checks the person only against the old copy being put
back. Here a restore touches only the article asked for (with the rows it
owns: images, statements, notes), and the person must be allowed to change
the article both as it is now and as it would become.
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from reversion import set_comment
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options
from reversion.utils import mute_signals


def _owned_relations(model) -> list:
    """The one-to-many relations reversion follows for `model` (an article's images, notes, ...)."""
    follow = set(_get_options(model).follow)
    return [r for r in model._meta.related_objects if r.one_to_many and r.get_accessor_name() in follow]


def owned_versions(version: Version) -> list[Version]:
    """`version` and, from the same revision, the versions of rows it owns (its followed relations)."""
    model, owner_id = version._model, str(version.object_id)
    owned = [version]
    for relation in _owned_relations(model):
        content_type = ContentType.objects.get_for_model(relation.related_model)
        candidates = version.revision.version_set.filter(content_type=content_type)
        owned += [v for v in candidates if str(v.field_dict.get(relation.field.attname)) == owner_id]
    return owned


def restore_one(version: Version) -> None:
    """Put back the object of `version` and the rows it owns as they were; other objects stay as they are."""
    versions = owned_versions(version)
    model = version._model
    current = model._default_manager.using(version.db).filter(pk=version.object_id).first()
    if current is not None:
        kept = {(v.content_type_id, str(v.object_id)) for v in versions}
        for relation in _owned_relations(model):
            content_type = ContentType.objects.get_for_model(relation.related_model)
            for row in getattr(current, relation.get_accessor_name()).all():
                if (content_type.pk, str(row.pk)) not in kept:
                    row.delete()
    for owned in versions:
        owned.revert()


class _Preview(Exception):
    """Leave the restore uncommitted: the page only shows what it would be."""

    def __init__(self, response):
        super().__init__()
        self.response = response


class RestoreOneObjectMixin:
    """For a reversion VersionAdmin: restore and recover one object, checked against its present state.

    `has_change_permission` of the admin should also check `restoring_over(request)`.
    """

    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        get_object_or_404(Version.objects.get_for_object(current), pk=version_id)
        request.newsroom_restoring_over = current
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # Only a deleted object of this admin's model can be recovered here.
        get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        return super().recover_view(request, version_id, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # As reversion's own view, but restoring one object instead of its whole revision.
        signals = (pre_save, post_save, pre_delete, post_delete, m2m_changed)
        muted = nullcontext() if request.method == "POST" else mute_signals(*signals)
        try:
            with transaction.atomic(using=version.db), muted:
                restore_one(version)
                with self.create_revision(request):
                    response = self.changeform_view(request, quote(version.object_id), request.path, extra_context)
                    if request.method == "POST" and response.status_code == 302:
                        saved = localize(template_localtime(version.revision.date_created))
                        set_comment(_("Reverted to previous version, saved on %(datetime)s") % {"datetime": saved})
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _Preview(response)
                    else:
                        raise RevertError(
                            _("Could not load %(name)s version - not found") % {"name": version.object_repr}
                        )
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _Preview as preview:
            return preview.response
        return response


def restoring_over(request):
    """The object as it is now, while a history restore is under way in this request; else None."""
    return getattr(request, "newsroom_restoring_over", None)
