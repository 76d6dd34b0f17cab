"""Seats from party-list votes: largest remainder (Hare, Droop) and highest averages (D'Hondt, Sainte-Laguë).

Everything is exact (fractions, never floats), so a published allocation is
reproduced to the seat, and every step is kept for the page to show its
arithmetic. A tie for the last seat is not broken by guesswork: the law
decides (usually by lot), so those seats stay open and the tie is reported.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from elections.models import SeatRule


@dataclass(frozen=True)
class Party:
    label: str
    votes: int
    percent: Decimal | None = None


@dataclass
class SeatRow:
    party: Party
    qualified: bool
    seats: int = 0
    quotient: Fraction | None = None  # votes / quota (largest remainder)
    by_remainder: bool = False

    @property
    def whole_seats(self) -> int:
        return int(self.quotient) if self.quotient is not None else 0

    @property
    def remainder(self) -> Fraction | None:
        return self.quotient - self.whole_seats if self.quotient is not None else None


@dataclass(frozen=True)
class Award:
    """One seat of a highest-averages allocation: who won it and with what average."""

    number: int
    label: str
    divisor: int
    average: Fraction


@dataclass
class Allocation:
    method: str
    seats: int
    threshold: Decimal
    rows: list[SeatRow]
    quota: Fraction | None = None
    awards: list[Award] = field(default_factory=list)
    tied: list[str] = field(default_factory=list)
    open_seats: int = 0

    @property
    def allocated(self) -> int:
        return sum(row.seats for row in self.rows)

    @property
    def majority(self) -> int:
        return self.seats // 2 + 1

    def seats_of(self, label: str) -> int:
        return next(row.seats for row in self.rows if row.party.label == label)

    def explanation(self) -> str:
        values = {"votes": f"{self.qualifying_votes:,}", "seats": self.seats}
        if self.method == SeatRule.Method.HARE:
            return _(
                "Hare quota: %(votes)s votes of the lists past the threshold ÷ %(seats)s seats = %(quota)s. Each "
                "list gets a seat per whole quota; the seats left go to the largest remainders."
            ) % {**values, "quota": f"{float(self.quota):,.2f}"}
        if self.method == SeatRule.Method.DROOP:
            return _(
                "Droop quota: %(votes)s votes of the lists past the threshold ÷ (%(seats)s seats + 1), rounded "
                "down, + 1 = %(quota)s. Each list gets a seat per whole quota; the seats left go to the largest "
                "remainders."
            ) % {**values, "quota": f"{int(self.quota):,}"}
        return _(
            "Each seat in turn goes to the list with the highest average: its votes ÷ %(divisors)s, "
            "the next divisor after each seat it wins."
        ) % {"divisors": "1, 2, 3, …" if self.method == SeatRule.Method.DHONDT else "1, 3, 5, …"}

    @property
    def qualifying_votes(self) -> int:
        return sum(row.party.votes for row in self.rows if row.qualified)


def qualifies(party: Party, threshold: Decimal, total_votes: int) -> bool:
    """At or above the threshold: by the published share where there is one, else by votes."""
    if not threshold:
        return True
    if party.percent is not None:
        return party.percent >= threshold
    return Fraction(party.votes * 100, total_votes or 1) >= Fraction(threshold)


def allocate(parties: list[Party], *, seats: int, method: str, threshold: Decimal = Decimal(0)) -> Allocation:
    total = sum(party.votes for party in parties)
    rows = [SeatRow(party, qualifies(party, threshold, total)) for party in parties]
    allocation = Allocation(method, seats, threshold, rows)
    if not any(row.qualified and row.party.votes for row in rows):
        allocation.open_seats = seats
        return allocation
    if method in {SeatRule.Method.HARE, SeatRule.Method.DROOP}:
        _largest_remainder(allocation)
    else:
        _highest_averages(allocation, step=1 if method == SeatRule.Method.DHONDT else 2)
    return allocation


def _largest_remainder(allocation: Allocation) -> None:
    qualified = [row for row in allocation.rows if row.qualified]
    votes = sum(row.party.votes for row in qualified)
    if allocation.method == SeatRule.Method.DROOP:
        allocation.quota = Fraction(votes // (allocation.seats + 1) + 1)
    else:
        allocation.quota = Fraction(votes, allocation.seats)
    for row in qualified:
        row.quotient = Fraction(row.party.votes) / allocation.quota
        row.seats = min(row.whole_seats, allocation.seats)
    left = allocation.seats - sum(row.seats for row in qualified)
    # Droop can hand out every seat by whole quotas; Hare never more than the seats.
    by_remainder = sorted(qualified, key=lambda row: row.remainder, reverse=True)
    _award_in_order(allocation, by_remainder, left, key=lambda row: row.remainder)
    for row in by_remainder:
        row.by_remainder = row.seats > row.whole_seats


def _highest_averages(allocation: Allocation, *, step: int) -> None:
    qualified = [row for row in allocation.rows if row.qualified]
    for number in range(1, allocation.seats + 1):
        averages = {id(row): Fraction(row.party.votes, 1 + step * row.seats) for row in qualified}
        ranked = sorted(qualified, key=lambda row: averages[id(row)], reverse=True)
        best = averages[id(ranked[0])]
        tied = [row for row in ranked if averages[id(row)] == best]
        if len(tied) > allocation.seats - number + 1:
            allocation.tied = [row.party.label for row in tied]
            allocation.open_seats = allocation.seats - number + 1
            return
        winner = ranked[0]
        allocation.awards.append(Award(number, winner.party.label, 1 + step * winner.seats, best))
        winner.seats += 1


def _award_in_order(allocation: Allocation, ranked: list[SeatRow], left: int, *, key) -> None:
    """Give `left` seats to `ranked` in order; a tie across the cut leaves those seats open."""
    if left <= 0:
        return
    cut = key(ranked[left - 1])
    above = [row for row in ranked if key(row) > cut]
    at_cut = [row for row in ranked if key(row) == cut]
    for row in above:
        row.seats += 1
    remaining = left - len(above)
    if remaining >= len(at_cut):
        for row in at_cut:
            row.seats += 1
        return
    allocation.tied = [row.party.label for row in at_cut]
    allocation.open_seats = remaining
