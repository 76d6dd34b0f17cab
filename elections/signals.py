"""What the elections app tells the rest of the site.

`figures_changed` (sender=Election, election=...) is sent by the one write
path (elections.recording) and whenever a unit, its figures or lines or a
seat rule change by any other path (the shell, a restore): whoever keeps
copies of election pages (the page cache) listens to this one signal.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

figures_changed = Signal()


def _unit_part_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    election = _election_of(instance)
    if election is not None:
        figures_changed.send(sender=type(election), election=election)


def _election_of(instance):
    if hasattr(instance, "election_id"):
        return instance.election
    if hasattr(instance, "figures_id"):
        return instance.figures.election
    return None


def _unit_renamed(sender, instance, raw=False, **kwargs):
    # A unit's name and tile are on the page of every election that reports it.
    if raw or instance.pk is None:
        return
    for figures in instance.figures.select_related("election"):
        figures_changed.send(sender=type(figures.election), election=figures.election)


def connect() -> None:
    from elections.models import ReportingUnit, SeatRule, UnitFigures, UnitResult

    for model in (UnitFigures, UnitResult, SeatRule):
        post_save.connect(_unit_part_changed, sender=model, dispatch_uid=f"elections.{model.__name__}-save")
        post_delete.connect(_unit_part_changed, sender=model, dispatch_uid=f"elections.{model.__name__}-delete")
    post_save.connect(_unit_renamed, sender=ReportingUnit, dispatch_uid="elections.unit-save")
