"""What every set of figures derives the same way: the whole election's and each unit's."""

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")


def share(part: int, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to two decimals; None if undefined."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TWO_PLACES, ROUND_HALF_UP)


class DerivedFigures:
    """Turnout, valid and invalid counts and the shares' denominator, reported or derived.

    Mixed into models with the fields registered_voters, ballots_cast,
    valid_votes_reported, invalid_ballots_reported, turnout_reported and a
    `share_basis` ("valid_votes" or "ballots_cast").
    """

    @property
    def turnout(self) -> Decimal | None:
        if self.turnout_reported is not None:
            return self.turnout_reported
        if self.ballots_cast is None:
            return None
        return share(self.ballots_cast, self.registered_voters)

    @property
    def valid_votes(self) -> int | None:
        if self.valid_votes_reported is not None:
            return self.valid_votes_reported
        if self.ballots_cast is None or self.invalid_ballots_reported is None:
            return None
        return self.ballots_cast - self.invalid_ballots_reported

    @property
    def invalid_ballots(self) -> int | None:
        if self.invalid_ballots_reported is not None:
            return self.invalid_ballots_reported
        if self.ballots_cast is None or self.valid_votes_reported is None:
            return None
        return self.ballots_cast - self.valid_votes_reported

    @property
    def share_denominator(self) -> int | None:
        """The count every line's percentage is a share of."""
        if self.share_basis == "ballots_cast":
            return self.ballots_cast
        return self.valid_votes
