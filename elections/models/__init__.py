"""The elections app's models, one module per part of the results desk."""

from elections.models.election import Candidate, Election, Outcome, Result, ResultQuerySet, Revision, Statement
from elections.models.figures import DerivedFigures, share
from elections.models.seats import SeatRule
from elections.models.units import ReportingUnit, UnitFigures, UnitResult

__all__ = [
    "Candidate",
    "DerivedFigures",
    "Election",
    "Outcome",
    "ReportingUnit",
    "Result",
    "ResultQuerySet",
    "Revision",
    "SeatRule",
    "Statement",
    "UnitFigures",
    "UnitResult",
    "share",
]
