"""The desk's admin for reporting units, their figures per election, and seat rules.

`UnitFiguresAdmin` is the compact per-unit entry form: the unit's counts and
its lines on one screen, in tab order, saved through the one write path so
that the unit's own checks and the checks against the whole run on each save.
"""

from django import forms
from django.contrib import admin, messages

from elections import history
from elections.admin import DerivedFiguresAdminMixin, FiguresAdminMixin, ResultForm
from elections.admin_errors import CheckedLinesFormSet, FiguresFormMixin
from elections.forms import correction_note_field
from elections.models import ReportingUnit, SeatRule, UnitFigures, UnitResult
from elections.recording import FiguresRefused, problems_with, record_figures, units_of
from elections.rollup import UnitLines
from elections.validation import Line, Problem, errors, lines_of

FIGURE_FIELDS = [
    "election", "unit", "status", "registered_voters", "ballots_cast", "valid_votes_reported",
    "invalid_ballots_reported", "turnout_reported", "announced_at", "source_url",
]  # fmt: skip


@admin.register(ReportingUnit)
class ReportingUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "short_name", "map_row", "map_column", "position"]
    list_editable = ["map_row", "map_column", "position"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "code", "country"]
    prepopulated_fields = {"slug": ["name"]}


class UnitResultForm(ResultForm):
    class Meta(ResultForm.Meta):
        model = UnitResult

    def owner(self):
        return self.instance.figures


class UnitFiguresForm(FiguresFormMixin, forms.ModelForm):
    correction_note = correction_note_field()

    class Meta:
        model = UnitFigures
        fields = FIGURE_FIELDS


class UnitResultFormSet(CheckedLinesFormSet):
    @property
    def unit_name(self) -> str:
        return self.instance.unit.name if self.instance.unit_id else ""

    def clean(self):
        if self.instance.election_id is None:
            return  # the unit's own form says what is missing (its election, say): nothing to check the lines against
        super().clean()

    def problems(self, lines: list[Line]) -> list[Problem]:
        figures = self.instance
        election = figures.election
        units = [*(unit for unit in units_of(election) if unit.figures.pk != figures.pk), UnitLines(figures, lines)]
        national = lines_of(election)
        problems = errors(problems_with(election, national, units))
        return problems + history.correction_problems(election, national, self.correction_note, units)


class UnitResultInline(FiguresAdminMixin, admin.TabularInline):
    model = UnitResult
    form = UnitResultForm
    formset = UnitResultFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["position", "option", "candidate", "votes", "percent"]


@admin.register(UnitFigures)
class UnitFiguresAdmin(DerivedFiguresAdminMixin, FiguresAdminMixin, admin.ModelAdmin):
    form = UnitFiguresForm
    list_display = ["unit", "election", "status", "ballots_cast", "announced_at"]
    list_filter = ["election", "status"]
    list_select_related = ["unit", "election"]
    search_fields = ["unit__name", "election__name"]
    autocomplete_fields = ["election", "unit"]
    inlines = [UnitResultInline]
    fields = [*FIGURE_FIELDS, *DerivedFiguresAdminMixin.derived_fields, "correction_note"]
    readonly_fields = DerivedFiguresAdminMixin.derived_fields

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "POST":
            kwargs["correction_note"] = request.POST.get("correction_note", "")
        return kwargs

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._rerecord(request, [obj.election])

    def delete_queryset(self, request, queryset):
        elections = {figures.election for figures in queryset.select_related("election")}
        super().delete_queryset(request, queryset)
        self._rerecord(request, elections)

    def _rerecord(self, request, elections) -> None:
        """A unit taken out changes the sums and the history like any other change of figures.

        Taking a unit out is deliberate, so it stands even when the rest no longer adds up;
        the desk is told what disagrees, and the next save of figures is checked as usual.
        """
        for election in elections:
            try:
                record_figures(election=election, user=request.user)
            except FiguresRefused as refused:
                self.message_user(request, str(refused), messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("correction_note", "")
        for problem in record_figures(election=form.instance.election, note=note, user=request.user):
            messages.warning(request, str(problem))


@admin.register(SeatRule)
class SeatRuleAdmin(admin.ModelAdmin):
    list_display = ["election", "seats", "method", "threshold"]
    autocomplete_fields = ["election"]
