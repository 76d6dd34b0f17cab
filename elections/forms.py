"""Form fields that read figures as newsrooms type them, and the desk's forms."""

from decimal import Decimal

from django import forms
from django.core import signing
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from elections.admin_errors import FiguresFormMixin
from elections.models import Election, Result
from elections.numbers import NumberError, parse_count, parse_percent
from elections.recording import derive_share


class CountField(forms.IntegerField):
    """A whole count typed as "8300046", "8 300 046", "8,300,046" or "8.300.046"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        try:
            return parse_count(value)
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        # No min/max/step: they would make browsers refuse "8 300 046".
        return {}

    def prepare_value(self, value):
        # A saved count comes back grouped as the language writes it ("11 950 627"); typed text stays as typed.
        if isinstance(value, int) and not isinstance(value, bool):
            return number_format(value, force_grouping=True)
        return value


class PercentField(forms.DecimalField):
    """A share typed as "81,31 %", "81.31%" or "81.31"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        try:
            return parse_percent(value)
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        return {}

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number_format(value, decimal_pos=2)  # "70,17" in Russian and Kazakh
        return value


def figure_formfield(db_field) -> forms.Field | None:
    """The admin's form field for a count or a share, read as newsrooms type them."""
    options = {"required": not db_field.blank, "label": db_field.verbose_name, "help_text": db_field.help_text}
    if isinstance(db_field, models.PositiveBigIntegerField | models.PositiveIntegerField):
        return CountField(**options)
    if isinstance(db_field, models.DecimalField):
        return PercentField(**options)
    return None


def correction_note_field() -> forms.CharField:
    """The note readers see when figures announced as final change (the whole's or a unit's)."""
    return forms.CharField(
        label=_("correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to readers. Required when you change figures already announced as final."),
    )


class ElectionForm(FiguresFormMixin, forms.ModelForm):
    correction_note = correction_note_field()

    class Meta:
        model = Election
        fields = [
            "name", "slug", "country", "kind", "date", "status", "term_years", "runoff_threshold",
            "authority_name", "authority_short_name", "source_url", "announced_at",
            "registered_voters", "ballots_cast", "valid_votes_reported", "invalid_ballots_reported", "share_basis",
            "turnout_reported", "polling_stations", "polling_stations_abroad", "diplomatic_missions", "observers",
            "accredited_journalists", "national_from_units",
        ]  # fmt: skip


class ResultForm(forms.ModelForm):
    percent = PercentField(label=_("percent"), required=False)

    class Meta:
        model = Result
        fields = ["position", "option", "candidate", "votes", "percent"]

    def owner(self):
        """Whose denominator a derived share is of: the election (a unit's form says its figures)."""
        return self.instance.election

    def clean(self):
        data = super().clean()
        if data.get("percent") is None and data.get("votes") is not None:
            derived = derive_share(data["votes"], self.owner())
            if derived is None:
                self.add_error("percent", _("Give the share, or the denominator it can be derived from."))
            data["percent"] = derived
        elif data.get("percent") is None:
            self.add_error("percent", _("Give the share, the votes or both."))
        return data


class ImportForm(forms.Form):
    """A results file, or the one kept (signed) from the preview, so Apply needs no second upload."""

    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("Header: option,party,votes,percent and, for results by region, unit (empty for national)."),
    )
    kept = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to readers. Required when the file changes results announced as final."),
    )

    MAX_BYTES = 1_000_000
    KEPT_FOR = 6 * 60 * 60  # seconds: a preview left open over a night shift's break still applies

    def __init__(self, *args, salt: str, **kwargs):
        self.salt = salt
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            data["name"], data["text"] = upload.name, self._read(upload)
        elif data.get("kept"):
            data["name"], data["text"] = self._unkeep(data["kept"])
        else:
            raise forms.ValidationError(_("Choose a CSV file."))
        return data

    def keep(self, name: str, text: str) -> str:
        """The file as the hidden field carries it to Apply: signed, so what is applied is what was previewed."""
        return signing.dumps({"name": name, "text": text}, salt=self.salt, compress=True)

    def _read(self, upload) -> str:
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as UTF-8 text and upload it again.")) from None

    def _unkeep(self, kept: str) -> tuple[str, str]:
        if len(kept) > 2 * self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            file = signing.loads(kept, salt=self.salt, max_age=self.KEPT_FOR)
        except signing.BadSignature:
            raise forms.ValidationError(_("The file from the preview has expired; choose it again.")) from None
        return file["name"], file["text"]
