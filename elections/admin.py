from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from elections.models import Candidate, Election, Result, Statement
from elections.validation import Line, check_results


class ResultFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        lines = [_line_from_form(form) for form in self.forms if _is_kept(form)]
        problems = check_results(ballots_cast=self.instance.ballots_cast, lines=lines)
        if problems:
            raise ValidationError(problems)


def _is_kept(form) -> bool:
    return bool(form.cleaned_data) and not form.cleaned_data.get("DELETE")


def _line_from_form(form) -> Line:
    data = form.cleaned_data
    candidate = data.get("candidate")
    label = candidate.name if candidate else Result.Option(data["option"]).label
    return Line(label=str(label), votes=data.get("votes"), percent=data["percent"])


class ResultInline(admin.TabularInline):
    model = Result
    formset = ResultFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["position", "option", "candidate", "votes", "percent"]


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["candidate", "manner", "text", "source_url", "made_at"]


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "date", "status"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["name", "country"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ResultInline, StatementInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "kind", "date", "status", "term_years"]}),
        (_("Source"), {"fields": ["authority_name", "authority_short_name", "source_url", "announced_at"]}),
        (_("Figures"), {"fields": ["registered_voters", "ballots_cast", "turnout_reported"]}),
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
