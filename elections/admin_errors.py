"""Where the desk sees each refused figure: at its field, at its line's row, or above the lines.

The rules (elections.validation) name the field a problem is about; a problem
with a line belongs to that line's row. What has no place of its own (the
lines together, another unit) is left for the formset's own error list.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from elections.models import Result
from elections.validation import Line, Problem


def place_problems(
    problems: list[Problem], *, figures_form: forms.Form | None, rows: list[forms.Form], unit: str = ""
) -> list[Problem]:
    """Add each of `problems` to the field or row it concerns; return those that have no place there.

    `unit` is the reporting unit the page edits (empty for the whole election): a
    problem about another unit has no field on this page.
    """
    unplaced = []
    for problem in problems:
        form = _form_for(problem, figures_form, rows, unit)
        if form is None:
            unplaced.append(problem)
            continue
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, str(problem))
    return unplaced


def _form_for(problem: Problem, figures_form, rows, unit: str):
    if problem.unit != unit:
        return None
    if problem.line is not None:
        number = problem.line.number
        return rows[number - 1] if 0 < number <= len(rows) else None
    if problem.field and figures_form is not None and problem.field in figures_form.fields:
        return figures_form
    return None


class CheckedLinesFormSet(BaseInlineFormSet):
    """Result lines checked with their figures on save; each problem shown where it is.

    The page's figures form registers itself on the instance (`FiguresFormMixin`):
    the admin builds the lines' formset from the instance only, and the problems
    found here belong partly to that form's fields.
    """

    unit_name = ""

    def __init__(self, *args, correction_note="", **kwargs):
        self.correction_note = correction_note
        super().__init__(*args, **kwargs)

    @property
    def figures_form(self):
        return getattr(self.instance, "figures_form", None)

    def clean(self):
        super().clean()
        figures_form = self.figures_form
        # A figure that cannot be read is the cause; checking the rest against it would only add noise.
        if any(self.errors) or (figures_form is not None and figures_form.errors):
            return
        rows = self.kept_forms()
        lines = [_line_from_form(number, form) for number, form in enumerate(rows, start=1)]
        problems = self.problems(lines)
        unplaced = place_problems(problems, figures_form=figures_form, rows=rows, unit=self.unit_name)
        if unplaced:
            raise ValidationError([str(problem) for problem in unplaced])

    def is_valid(self):
        valid = super().is_valid()  # runs clean(), which may add errors to the figures form
        return valid and not (self.figures_form is not None and self.figures_form.errors)

    def problems(self, lines: list[Line]) -> list[Problem]:
        raise NotImplementedError

    def kept_forms(self):
        return [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class FiguresFormMixin:
    """For the form of an election's or a unit's figures: lets the lines' formset place errors on its fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.figures_form = self


def _line_from_form(number: int, form) -> Line:
    data = form.cleaned_data
    candidate = data.get("candidate")
    label = candidate.name if candidate else Result.Option(data["option"]).label
    return Line(number, str(label), data.get("votes"), data.get("percent"))
