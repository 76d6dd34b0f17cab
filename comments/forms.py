import re
import time
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from comments.models import WEBSITE_MAX_LENGTH, Comment, Report

TIMESTAMP_SALT = "comments.reply-form"


def sign_render_time(article_id: int) -> str:
    return signing.dumps([article_id, int(time.time())], salt=TIMESTAMP_SALT)


def limit_shown(field: forms.Field) -> None:
    """The field's length limit said, not enforced by the browser: maxlength silently cuts a pasted text.

    The server refuses a text over the limit with a message; static/js/replies.js counts as the reader types.
    """
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs["data-maxlength"] = field.max_length
    if isinstance(field.widget, forms.Textarea):
        limit = number_format(field.max_length, force_grouping=True)
        field.help_text = _("Up to %(limit)s characters.") % {"limit": limit}
        field.widget.attrs["data-count-left"] = _("characters left")
        field.widget.attrs["data-count-over"] = _("characters too many")


def no_nul_bytes(value: str) -> None:
    if "\x00" in value:
        raise forms.ValidationError(_("This field contains characters that are not allowed."))


# Explicit direction overrides and isolates: in a name they can make the text
# beside it read backwards ("moc.knab" shown as "bank.com").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_bidi_controls(value: str) -> None:
    if BIDI_CONTROLS.search(value):
        raise forms.ValidationError(_("This field contains characters that are not allowed."))


class ReplyForm(forms.ModelForm):
    # Humans never see or fill this field; many bots fill every field.
    contact_me_by_fax = forms.CharField(required=False, label=_("Leave this field empty"))
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(label=_("Website"), max_length=WEBSITE_MAX_LENGTH, required=False, assume_scheme="https")
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("The reply you are answering is not available. Please reload the page.")},
    )
    notify_me = forms.BooleanField(
        required=False,
        label=_("Email me when someone replies to my reply"),
        help_text=_("We will first send you a link to confirm your address. Every email has a link to stop them."),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body", "parent"]
        labels = {"body": _("Reply"), "name": _("Name"), "email": _("Email"), "website": _("Website")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        if not self.is_bound or self.data.get("parent"):
            # Most replies answer no one: an empty parent is None without a look at the queryset, so none is built.
            self.fields["parent"].queryset = Comment.objects.approved().filter(article=article)
        self.fields["website"].required = False
        for name in ("body", "name", "email", "website"):
            self.fields[name].validators.append(no_nul_bytes)
            limit_shown(self.fields[name])
        for name in ("name", "email", "website"):
            self.fields[name].validators.append(no_bidi_controls)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        trap = self.fields["contact_me_by_fax"].widget.attrs
        trap.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["rendered"] = sign_render_time(article.pk)

    @cached_property
    def helper(self) -> FormHelper:
        # Built when the form is shown ({% crispy %} reads it), not for every accepted post.
        helper = FormHelper()
        # The answer to a refused reply opens at the form, not at the top of the page.
        helper.form_action = reverse("comments:post", kwargs={"article_id": self.article.pk}) + "#leave-a-reply"
        helper.form_id = "reply-form"
        # The article page is cached and the same for every reader, so it carries
        # no CSRF token: the posting view checks where the post came from instead
        # (comments/origin.py), so that the form works without JavaScript. Where
        # scripts run, static/js/csrf.js adds the reader's token as well, for
        # clients that send neither Sec-Fetch-Site nor Origin.
        helper.disable_csrf = True
        helper.form_class = "needs-csrf"
        helper.attrs = {"novalidate": ""}
        helper.layout = Layout(
            "name",
            "email",
            "website",
            "body",
            "notify_me",
            Div("contact_me_by_fax", css_class="trap", aria_hidden="true"),
            "rendered",
            "parent",
        )
        helper.add_input(Submit("submit", _("Post Reply")))
        return helper

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            # The form comes back with a fresh stamp, so that a stale one cannot trap the reader.
            self.data = self.data.copy()
            self.data["rendered"] = sign_render_time(self.article.pk)
            for message in self._errors.pop("parent", []):
                self.add_error(None, message)

    def clean(self):
        # Hidden fields have nowhere to show an error, so these are form-wide.
        cleaned = super().clean()
        if "parent" in self._errors:
            self.add_error(None, self._errors.pop("parent"))
        if cleaned.get("contact_me_by_fax"):
            raise forms.ValidationError(_("Your reply could not be accepted."))
        self._check_render_time(self.data.get("rendered", ""))
        return cleaned

    def _check_render_time(self, token: str) -> None:
        try:
            article_id, rendered_at = signing.loads(token, salt=TIMESTAMP_SALT)
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("The form was damaged. Please reload the page and try again.")) from None
        if article_id != self.article.pk:
            raise forms.ValidationError(_("The form belongs to another article. Please reload the page."))
        age = time.time() - rendered_at
        if age < settings.NEWSROOM_REPLY_MIN_SECONDS:
            raise forms.ValidationError(_("That was quicker than anyone can type. Please try again in a moment."))
        if age > settings.NEWSROOM_REPLY_MAX_AGE_SECONDS:
            raise forms.ValidationError(_("The form has expired. Please reload the page and post your reply again."))

    def clean_body(self):
        return clean_reply_text(self.cleaned_data["body"])


def clean_reply_text(body: str) -> str:
    body = body.strip()
    if not body:
        raise forms.ValidationError(_("Please write a reply."))
    return body


class EditReplyForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Reply")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(no_nul_bytes)
        limit_shown(self.fields["body"])

    def clean_body(self):
        return clean_reply_text(self.cleaned_data["body"])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with this reply?"), choices=Report.Reason.choices)
    detail = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_nul_bytes],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_shown(self.fields["detail"])
