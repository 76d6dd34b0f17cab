from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from elections import history
from elections.admin_errors import CheckedLinesFormSet
from elections.forms import ElectionForm, ImportForm, ResultForm, figure_formfield
from elections.import_preview import preview_changes
from elections.importing import import_results
from elections.models import Candidate, Election, Result, Revision, SeatRule, Statement
from elections.recording import problems_with, record_figures, units_of
from elections.validation import Line, Problem, errors


class FiguresAdminMixin:
    """Counts and shares typed as newsrooms type them ("8 300 046", "81,31 %")."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return figure_formfield(db_field) or super().formfield_for_dbfield(db_field, request, **kwargs)


class DerivedFiguresAdminMixin:
    """The figures the page derives where the authority gave none, shown beside the typed ones."""

    derived_fields = ["derived_valid_votes", "derived_turnout"]

    @admin.display(description=_("valid votes (derived)"))
    def derived_valid_votes(self, obj):
        if obj is None or obj.valid_votes_reported is not None or obj.valid_votes is None:
            return self.get_empty_value_display()
        return number_format(obj.valid_votes, force_grouping=True)

    @admin.display(description=_("turnout (derived, %)"))
    def derived_turnout(self, obj):
        if obj is None or obj.turnout_reported is not None or obj.turnout is None:
            return self.get_empty_value_display()
        return number_format(obj.turnout, decimal_pos=2)


class ResultFormSet(CheckedLinesFormSet):
    def problems(self, lines: list[Line]) -> list[Problem]:
        units = units_of(self.instance) if self.instance.pk else []
        problems = errors(problems_with(self.instance, lines, units))
        return problems + history.correction_problems(self.instance, lines, self.correction_note)


class ResultInline(FiguresAdminMixin, admin.TabularInline):
    model = Result
    form = ResultForm
    formset = ResultFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["position", "option", "candidate", "votes", "percent"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["candidate", "manner", "text", "source_url", "made_at"]


class SeatRuleInline(admin.StackedInline):
    """The seat rule on the election's own page, where the desk sets up a party-list vote."""

    model = SeatRule
    extra = 0
    max_num = 1
    fields = ["seats", "method", "threshold"]


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    fields = ["recorded_at", "status", "announced_at", "note", "recorded_by"]
    readonly_fields = fields
    verbose_name_plural = _("history of the figures")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Election)
class ElectionAdmin(DerivedFiguresAdminMixin, FiguresAdminMixin, admin.ModelAdmin):
    form = ElectionForm
    readonly_fields = DerivedFiguresAdminMixin.derived_fields
    list_display = ["name", "country", "kind", "date", "status"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["name", "country"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ResultInline, SeatRuleInline, StatementInline, RevisionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "kind", "date", "status", "term_years", "runoff_threshold"]}),
        (_("Source"), {"fields": ["authority_name", "authority_short_name", "source_url", "announced_at"]}),
        (
            _("Figures"),
            {
                "fields": [
                    "registered_voters",
                    "ballots_cast",
                    "valid_votes_reported",
                    "derived_valid_votes",
                    "invalid_ballots_reported",
                    "share_basis",
                    "turnout_reported",
                    "derived_turnout",
                    "national_from_units",
                    "correction_note",
                ]
            },
        ),
        (
            _("Polling and monitoring"),
            {
                "fields": [
                    "polling_stations",
                    "polling_stations_abroad",
                    "diplomatic_missions",
                    "observers",
                    "accredited_journalists",
                ]
            },
        ),
    ]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ResultInline) and request.method == "POST":
            kwargs["correction_note"] = request.POST.get("correction_note", "")
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("correction_note", "")
        for problem in record_figures(election=form.instance, note=note, user=request.user):
            messages.warning(request, str(problem))

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        urls = [path("<path:object_id>/import/", view, name="elections_election_import")]
        return urls + super().get_urls()

    def import_view(self, request, object_id):
        """Upload a results CSV, see what it would change, then apply it."""
        election = self.get_object(request, object_id)
        if election is None:
            raise Http404
        if not self.has_change_permission(request, election):
            raise PermissionDenied
        salt = f"elections.import.{election.pk}.{request.user.pk}"
        form = ImportForm(request.POST or None, request.FILES or None, salt=salt)
        report = changes = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            report = import_results(
                election=election, text=data["text"], dry_run="apply" not in request.POST, note=data["note"],
                user=request.user,
            )  # fmt: skip
            if report.applied:
                self.message_user(request, _("The results were imported."), messages.SUCCESS)
                for problem in report.warnings:
                    messages.warning(request, str(problem))
                return redirect(reverse("admin:elections_election_change", args=[election.pk]))
            changes = preview_changes(election, report.rows)
            kept = form.keep(data["name"], data["text"])
            form = ImportForm(initial={"kept": kept, "note": data["note"]}, salt=salt)
            form.kept_name = data["name"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": election,
            "title": _("Import results"),
            "form": form,
            "report": report,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/elections/election/import_results.html", context)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "party"]
    search_fields = ["name", "party"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["candidate", "election", "manner", "made_at"]
    list_filter = ["election", "manner"]
    search_fields = ["text", "candidate__name"]
    autocomplete_fields = ["candidate", "election"]


from elections import admin_units  # noqa: E402, F401 - registers the units' admin
