"""The page cache empties an election's pages (and the articles covering it) when it changes.

Connected in ElectionsConfig.ready(). Every handler empties after the change
commits, whichever path made it: the admin, the importer, a restore from
history, `QuerySet.update()` (pagecache's rows_updated), a command, the shell.
"""

from django.db.models.signals import post_delete, post_save

from elections.models import (
    Candidate,
    Election,
    ReportingUnit,
    Result,
    Revision,
    SeatRule,
    Statement,
    UnitFigures,
    UnitResult,
)
from elections.signals import figures_changed
from pagecache.groups import group, groups_of
from pagecache.signals import rows_updated
from pagecache.versions import empty_after_commit

UID = "elections.signal_handlers."


def _election_changed(sender, instance, **kwargs):
    empty_after_commit({group("election", instance.pk)})


def _elections_updated(sender, pks, **kwargs):
    empty_after_commit(groups_of("election", pks))


def _election_part_changed(sender, instance, **kwargs):
    empty_after_commit({group("election", instance.election_id)})


def _election_parts_updated(sender, pks, **kwargs):
    elections = sender.objects.filter(pk__in=pks).values_list("election_id", flat=True)
    empty_after_commit(groups_of("election", set(elections)))


def _candidate_changed(sender, instance, **kwargs):
    if instance.pk is not None:
        _candidates_updated(sender, {instance.pk})


def _candidates_updated(sender, pks, **kwargs):
    elections = set(Result.objects.filter(candidate_id__in=pks).values_list("election_id", flat=True))
    elections |= set(Statement.objects.filter(candidate_id__in=pks).values_list("election_id", flat=True))
    empty_after_commit(groups_of("election", elections))


def _figures_changed(sender, election, **kwargs):
    # Units, their lines and seat rules (elections.signals); the sitemaps list unit pages.
    empty_after_commit({group("election", election.pk), group("sitemaps")})


# How to find the elections whose pages show rows of each unit model changed by update() or bulk writes.
UNIT_ROW_ELECTIONS = {
    "UnitFigures": "election_id",
    "UnitResult": "figures__election_id",
    "SeatRule": "election_id",
}


def _unit_rows_updated(sender, pks, **kwargs):
    if sender is ReportingUnit:
        elections = UnitFigures.objects.filter(unit_id__in=pks).values_list("election_id", flat=True)
    else:
        elections = sender.objects.filter(pk__in=pks).values_list(UNIT_ROW_ELECTIONS[sender.__name__], flat=True)
    empty_after_commit(groups_of("election", set(elections)) | {group("sitemaps")})


def connect() -> None:
    post_save.connect(_election_changed, sender=Election, dispatch_uid=UID + "election-save")
    post_delete.connect(_election_changed, sender=Election, dispatch_uid=UID + "election-delete")
    rows_updated.connect(_elections_updated, sender=Election, dispatch_uid=UID + "elections-updated")
    for model in (Result, Statement, Revision):
        name = model.__name__
        post_save.connect(_election_part_changed, sender=model, dispatch_uid=UID + f"{name}-save")
        post_delete.connect(_election_part_changed, sender=model, dispatch_uid=UID + f"{name}-delete")
        rows_updated.connect(_election_parts_updated, sender=model, dispatch_uid=UID + f"{name}-updated")
    post_save.connect(_candidate_changed, sender=Candidate, dispatch_uid=UID + "candidate-save")
    rows_updated.connect(_candidates_updated, sender=Candidate, dispatch_uid=UID + "candidates-updated")
    figures_changed.connect(_figures_changed, dispatch_uid=UID + "election-figures")
    for model in (ReportingUnit, UnitFigures, UnitResult, SeatRule):
        rows_updated.connect(_unit_rows_updated, sender=model, dispatch_uid=UID + f"{model.__name__}-updated")
