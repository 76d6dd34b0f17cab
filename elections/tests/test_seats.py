"""Seat allocation: a real published result reproduced to the seat, and the textbook edge cases."""

from decimal import Decimal

from elections.models import SeatRule
from elections.seats import Party, allocate

HARE, DROOP, DHONDT, SAINTE_LAGUE = (SeatRule.Method.HARE, SeatRule.Method.DROOP, SeatRule.Method.DHONDT,
                                     SeatRule.Method.SAINTE_LAGUE)  # fmt: skip

# Kazakhstan, Mazhilis election of 19 March 2023, party-list part: 69 seats, 5 % threshold,
# largest remainder with the Hare quota. Votes and seats as the Central Election Commission
# announced them on 27 March 2023 (election.gov.kz; reported by The Astana Times,
# "Six parties elected to parliament according to final results of Central Election
# Commission", 27 March 2023, and Kazinform). Seats: 40, 8, 6, 6, 5, 4; Baytaq none.
MAZHILIS_2023 = [
    Party("Amanat", 3_431_510, Decimal("53.90")),
    Party("Auyl", 693_938, Decimal("10.90")),
    Party("Respublica", 547_154, Decimal("8.59")),
    Party("Ak Zhol", 535_139, Decimal("8.41")),
    Party("People's Party of Kazakhstan", 432_920, Decimal("6.80")),
    Party("Nationwide Social Democratic Party", 331_058, Decimal("5.20")),
    Party("Baytaq", 146_431, Decimal("2.30")),
]
MAZHILIS_2023_SEATS = [40, 8, 6, 6, 5, 4, 0]


def _seats(allocation) -> list[int]:
    return [row.seats for row in allocation.rows]


def test_it_reproduces_the_2023_mazhilis_party_list_seats_exactly():
    allocation = allocate(MAZHILIS_2023, seats=69, method=HARE, threshold=Decimal("5"))
    assert _seats(allocation) == MAZHILIS_2023_SEATS
    assert allocation.allocated == 69 and allocation.open_seats == 0
    # The arithmetic the page shows: 5,971,719 votes past the threshold ÷ 69 seats.
    assert allocation.qualifying_votes == 5_971_719
    assert "86,546.65" in allocation.explanation()
    by_remainder = [row.party.label for row in allocation.rows if row.by_remainder]
    assert by_remainder == ["Amanat", "Nationwide Social Democratic Party"]


def test_the_same_votes_by_dhondt_favour_the_largest_list():
    allocation = allocate(MAZHILIS_2023, seats=69, method=DHONDT, threshold=Decimal("5"))
    assert _seats(allocation) == [41, 8, 6, 6, 5, 3, 0]
    assert len(allocation.awards) == 69 and allocation.awards[0].label == "Amanat"


def test_textbook_dhondt_and_sainte_lague_example():
    parties = [Party("A", 100_000), Party("B", 80_000), Party("C", 30_000), Party("D", 20_000)]
    assert _seats(allocate(parties, seats=8, method=DHONDT)) == [4, 3, 1, 0]
    assert _seats(allocate(parties, seats=8, method=SAINTE_LAGUE)) == [3, 3, 1, 1]


def test_a_list_just_under_the_threshold_wins_nothing_and_one_at_it_qualifies():
    parties = [Party("Big", 9_000, Decimal("90.00")), Party("Under", 499, Decimal("4.99")),
               Party("At", 500, Decimal("5.00"))]  # fmt: skip
    allocation = allocate(parties, seats=10, method=HARE, threshold=Decimal("5"))
    rows = {row.party.label: row for row in allocation.rows}
    assert not rows["Under"].qualified and rows["Under"].seats == 0
    assert rows["At"].qualified and rows["At"].seats == 1
    assert allocation.allocated == 10


def test_the_alabama_paradox_of_largest_remainder():
    # One more seat in the house costs C a seat under Hare; D'Hondt is house-monotone.
    parties = [Party("A", 61), Party("B", 60), Party("C", 20)]
    assert _seats(allocate(parties, seats=10, method=HARE)) == [4, 4, 2]
    assert _seats(allocate(parties, seats=11, method=HARE)) == [5, 5, 1]
    smaller, larger = (_seats(allocate(parties, seats=seats, method=DHONDT)) for seats in (10, 11))
    assert all(after >= before for before, after in zip(smaller, larger, strict=True))


def test_a_tie_for_the_last_seat_is_left_open_and_named_not_guessed():
    parties = [Party("A", 300), Party("B", 100), Party("C", 100)]
    remainder = allocate(parties, seats=3, method=HARE)
    assert _seats(remainder) == [2, 0, 0] and remainder.open_seats == 1
    assert remainder.tied == ["B", "C"]
    averages = allocate(parties, seats=3, method=DHONDT)
    assert _seats(averages) == [2, 0, 0] and averages.open_seats == 1
    assert averages.tied == ["A", "B", "C"]  # 300 ÷ 3 = 100 ÷ 1


def test_a_tie_that_both_lists_can_have_is_no_tie():
    parties = [Party("A", 100), Party("B", 100)]
    assert _seats(allocate(parties, seats=2, method=DHONDT)) == [1, 1]
    assert _seats(allocate(parties, seats=2, method=HARE)) == [1, 1]


def test_droop_quota_and_no_qualifying_list():
    parties = [Party("A", 600), Party("B", 300), Party("C", 100)]
    droop = allocate(parties, seats=5, method=DROOP)
    assert droop.quota == 167 and _seats(droop) == [3, 2, 0]
    nobody = allocate([Party("A", 10, Decimal("1"))], seats=5, method=HARE, threshold=Decimal("5"))
    assert nobody.open_seats == 5 and nobody.allocated == 0
