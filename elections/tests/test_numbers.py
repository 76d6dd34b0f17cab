from decimal import Decimal

import pytest

from elections.numbers import NumberError, parse_count, parse_percent


@pytest.mark.parametrize(
    "typed",
    ["8300046", "8 300 046", "8\u00a0300\u00a0046", "8\u202f300\u202f046", "8,300,046", "8.300.046", " 8300046 "],
)
def test_counts_are_read_as_newsrooms_type_them(typed):
    assert parse_count(typed) == 8_300_046


@pytest.mark.parametrize(
    "typed", ["8,30", "8.300,046", "8,300.046", "83,00,046", "8 300,046", "1.5", "-5", "", "lots"]
)
def test_ambiguous_or_broken_counts_are_refused_with_an_example(typed):
    with pytest.raises(NumberError) as error:
        parse_count(typed)
    assert "8 300 046" in str(error.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("81,31 %", "81.31"), ("81.31%", "81.31"), ("81.31", "81.31"), ("5,8", "5.8"), ("100", "100"), ("0", "0")],
)
def test_percentages_are_read_as_newsrooms_type_them(typed, expected):
    assert parse_percent(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["1,234", "81.315", "81,3,1", "101", "1 000", "-3", "%", "abc"])
def test_ambiguous_or_impossible_percentages_are_refused_with_an_example(typed):
    with pytest.raises(NumberError) as error:
        parse_percent(typed)
    assert "81,31" in str(error.value) or "100" in str(error.value)


def test_counts_too_large_for_any_electorate_are_refused():
    with pytest.raises(NumberError, match="ten billion"):
        parse_count("99 999 999 999 999 999 999")


def test_digits_from_other_scripts_are_refused():
    with pytest.raises(NumberError):
        parse_count("٨٣٠٠")
    with pytest.raises(NumberError):
        parse_percent("٨١")
