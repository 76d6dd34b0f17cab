"""The desk's article form: rich text, role-aware status, and stale-edit refusal."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles.models import Article

# What the editor offers; articles/sanitising.py keeps the same tags on save.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    # Figures (image, caption) and the newsroom's buttons: one of the article's
    # images, a link to one of our articles (articles/editor_extensions.py).
    "Figure": True,
    "Caption": True,
    "Image": True,
    "NewsroomInsert": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}

STALE_EDIT_MESSAGE = _(
    "Someone else saved this article after you opened it. Your changes were not saved: "
    "what they changed is shown above. Your text is still in the form: save again to "
    "replace their version with yours, or open the article again to start from theirs."
)
NO_PUBLISH_MESSAGE = _("You may not publish articles; submit it for review and an editor will publish it.")


class ArticleAdminForm(forms.ModelForm):
    # The admin sets this to the person editing (see ArticleAdmin.get_form).
    may_publish = False

    body = ProseEditorFormField(
        config={"extensions": BODY_EXTENSIONS},
        widget=AdminTextareaWidget,
        label=_("body"),
        help_text=_("Scripts and unsafe markup are removed on save."),
    )
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "section", "authors", "dateline", "summary", "body",
            "status", "publish_at", "featured", "comments_open",
            "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit",
            "election", "tags", "related_articles",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_token"].initial = self._saved_token()
        if "status" in self.fields and not self.may_publish:
            self.fields["status"].choices = [
                choice for choice in self.fields["status"].choices if choice[0] != Article.Status.PUBLISHED
            ]

    def _saved_token(self, *, lock: bool = False) -> str:
        """When the article was last saved, read from the database, not the form's copy.

        With `lock`, the row stays locked until the admin's transaction ends,
        so two saves arriving together are checked one after the other.
        """
        if self.instance.pk is None:
            return ""
        articles = Article.objects.filter(pk=self.instance.pk)
        if lock:
            articles = articles.select_for_update()
        saved = articles.values_list("updated_at", flat=True).first()
        return saved.isoformat() if saved else ""

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Article.Status.PUBLISHED and not self.may_publish:
            raise forms.ValidationError(NO_PUBLISH_MESSAGE)
        return status

    def clean(self):
        cleaned = super().clean()
        saved = self._saved_token(lock=True)
        if self.instance.pk is not None and cleaned.get("edit_token") != saved:
            # Keep what was typed, and let a second save, made knowing of the
            # other version (shown by admin_workflow), replace it.
            self.stale_token = cleaned.get("edit_token") or ""
            self.data = self.data.copy()
            self.data["edit_token"] = saved
            raise forms.ValidationError(STALE_EDIT_MESSAGE, code="stale")
        if cleaned.get("lead_image") and not cleaned.get("lead_image_alt", "").strip():
            self.add_error("lead_image_alt", _("Describe the lead image for readers who cannot see it."))
        return cleaned
