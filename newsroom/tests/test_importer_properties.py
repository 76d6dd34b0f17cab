"""Any file given to the results importer: imported whole, or refused with reasons; never a crash."""

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from elections import importing
from elections.models import Election, Result

NAMES = ["Alice Able", "Bob Baker", "Against all", "против всех", "=HYPERLINK(1)", ""]
number_cell = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "76,92 %", "1 000", "1e400", "NaN", "-0", "100.00", "50%", "\x00", "'=1+1"]),
    st.text(max_size=10),
)
row = st.tuples(
    st.one_of(st.sampled_from(NAMES), st.text(max_size=300)), st.text(max_size=40), number_cell, number_cell
)

# Rows that pass more often, so that importing is exercised and not only refusing.
plausible_row = st.tuples(
    st.one_of(st.sampled_from(NAMES[:4]), st.text(min_size=1, max_size=300)),
    st.one_of(st.just(""), st.text(max_size=300)),
    st.just(""),
    st.decimals(0, 25, places=2).map(str),
)


def as_csv(rows, header) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


files = st.one_of(
    st.builds(as_csv, st.lists(row, max_size=6), st.just(["option", "party", "votes", "percent"])),
    st.builds(
        as_csv, st.lists(plausible_row, min_size=1, max_size=4), st.just(["option", "party", "votes", "percent"])
    ),
    st.builds(as_csv, st.lists(row, max_size=3), st.lists(st.text(max_size=8), max_size=5)),
    st.text(max_size=400),
    st.binary(max_size=200).map(lambda raw: raw.decode("utf-8", errors="replace")),
)


@pytest.fixture
def election(db):
    return Election.objects.create(
        name="Mayor of Testville",
        slug="testville",
        country="Testland",
        date=dt.date(2026, 11, 1),
        authority_name="Testville Election Board",
        registered_voters=1000,
        ballots_cast=800,
    )


def figures(election) -> list[tuple]:
    return sorted(Result.objects.filter(election=election).values_list("option", "candidate_id", "votes", "percent"))


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=files)
def test_any_file_is_imported_whole_or_refused_with_reasons(election, text):
    before = figures(election)
    report = importing.import_results(election=election, text=text)
    event("applied" if report.applied else "refused")
    if report.applied:
        assert len(figures(election)) == len(report.rows)
    else:
        assert report.errors and all(str(problem) for problem in report.errors)
        assert figures(election) == before
