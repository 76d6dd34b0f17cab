"""Pages of a list without counting the list.

Django's Paginator counts every matching row to say "page 3 of 250": at
100,000 articles that COUNT(*) costs more than the page itself, and it grows
with the archive. A page here reads one row more than it shows, which is all
it needs to know whether an older page exists. A page number that is not a
plain positive number, or that lies past the end, is not a page: 404.
"""

import re
from dataclasses import dataclass

from django.http import Http404

PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


@dataclass
class Page:
    """The attributes of Django's Page that the pagination template uses."""

    number: int
    object_list: list
    has_next: bool
    per_page: int

    @property
    def end_index(self) -> int:
        """How many rows this page and those before it show: a total once there is no next page."""
        return (self.number - 1) * self.per_page + len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value: str | None) -> int:
    """The page a `?page=` asks for: absent means 1; anything but 1, 2, 3... is a 404."""
    if value is None:
        return 1
    if not PAGE_NUMBER.fullmatch(value):
        raise Http404("There is no such page.")  # shown only with DEBUG on
    return int(value)


def get_page(queryset, number: int, per_page: int) -> Page:
    """Page `number` of `queryset`: its rows in one query, one row more than it shows."""
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("There is no such page.")  # shown only with DEBUG on
    return Page(number=number, object_list=rows[:per_page], has_next=len(rows) > per_page, per_page=per_page)


def has_page(queryset, number: int, per_page: int) -> bool:
    """Whether page `number` holds anything, reading at most one row."""
    return queryset[(number - 1) * per_page :][:1].exists()
