import math
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles import querysets
from articles.images import srcset, validate_image_upload
from articles.listings import AuthorListing, TagListing  # noqa: F401 - this app's models too
from articles.queries import pk_in_any
from articles.querysets import ArticleQuerySet
from articles.sanitising import sanitise_html
from articles.search import stored_document
from bounds.validators import within_newsroom_years
from pagecache.querysets import PageQuerySet


def words_per_minute(language: str | None) -> int:
    """How many words a reader of `language` reads in a minute ("ru-ru" reads as "ru")."""
    rates = settings.NEWSROOM_WORDS_PER_MINUTE_BY_LANGUAGE
    language = (language or settings.LANGUAGE_CODE).lower()
    return rates.get(language) or rates.get(language.split("-")[0]) or settings.NEWSROOM_WORDS_PER_MINUTE


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("Leave empty for guest contributors without an account."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


# What a related item shows (title, link, reading time, date, excerpt): never the body.
RELATED_FIELDS = ["pk", "title", "slug", "summary", "word_count", "publish_at", "section_id"]


def new_preview_secret() -> str:
    return secrets.token_urlsafe(24)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = querysets.PUBLISHED, _("Published")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True, blank=True)
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("The excerpt shown in lists and feeds.")
    )
    body = models.TextField(_("body"), help_text=_("HTML; scripts and unsafe markup are removed on save."))
    dateline = models.CharField(_("dateline"), max_length=100, blank=True, help_text=_('For example "Astana".'))
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section"))
    authors = models.ManyToManyField(Author, related_name="articles", blank=True, verbose_name=_("authors"))
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True, verbose_name=_("tags"))
    lead_image = models.ImageField(
        _("lead image"), upload_to="articles/%Y/%m/", blank=True, validators=[validate_image_upload]
    )
    lead_image_alt = models.CharField(_("lead image alt text"), max_length=250, blank=True)
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A future time schedules the article."),
        validators=[within_newsroom_years],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("election covered"),
    )
    statements = models.ManyToManyField(
        "elections.Statement",
        through="ArticleStatement",
        related_name="articles",
        blank=True,
        verbose_name=_("candidate statements"),
    )
    related_articles = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("hand-picked related articles")
    )
    comments_open = models.BooleanField(_("replies open"), default=True)
    featured = models.BooleanField(_("featured"), default=False)
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)
    # Kept by PostgreSQL with the row (NULL elsewhere), whichever way it is written: articles/search.py.
    search_document = stored_document()
    preview_secret = models.CharField(
        _("preview secret"),
        max_length=64,
        default=new_preview_secret,
        editable=False,
        help_text=_("Part of every shareable preview link; changing it revokes them all."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish articles"))]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_live_idx"),
            models.Index(fields=["section", "status", "-publish_at"], name="article_section_live_idx"),
            # The front page's lead: the newest featured article, else the newest.
            models.Index(fields=["status", "-featured", "-publish_at", "-id"], name="article_lead_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Keep the record consistent with itself: a slug, safe HTML, and the
        # word count that the reading time is derived from.
        if not self.slug:
            self.slug = self._free_slug(slugify(self.title)[:240] or "article")
        self.body = sanitise_html(self.body)
        self.word_count = count_words(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body", "word_count"}
        with transaction.atomic():
            self._remember_published_slug()
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def body_html(self) -> str:
        """The sanitised body, with the dateline leading its first paragraph."""
        if not self.dateline:
            return mark_safe(self.body)  # noqa: S308 - sanitised on save
        dateline = format_html('<span class="dateline">{}:</span> ', self.dateline)
        if self.body.startswith("<p>"):
            return mark_safe(f"<p>{dateline}{self.body[3:]}")  # noqa: S308 - both parts are safe
        return mark_safe(f"{dateline}{self.body}")  # noqa: S308 - both parts are safe

    def _free_slug(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... whichever no other article uses."""
        taken = set(Article.objects.exclude(pk=self.pk).filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def _remember_published_slug(self) -> None:
        # Readers may hold links to a published article: keep its old slug
        # so that they can be redirected to the new one.
        if self.pk is None:
            return
        old = Article.objects.filter(pk=self.pk).values("slug", "status").first()
        if old and old["slug"] != self.slug and old["status"] == self.Status.PUBLISHED:
            OldSlug.objects.update_or_create(slug=old["slug"], defaults={"article": self})
            OldSlug.objects.filter(slug=self.slug).delete()

    @property
    def reading_minutes(self) -> int:
        """Whole minutes to read the body, at the pace of the reader's language."""
        return self.reading_minutes_in(get_language())

    def reading_minutes_in(self, language: str | None) -> int:
        return max(1, math.ceil(self.word_count / words_per_minute(language)))

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    def notes_for_readers(self):
        """Corrections and updates, oldest first, as shown under the article."""
        return self.notes.order_by("noted_at", "pk")

    def chosen_statements(self):
        return self.articlestatement_set.select_related("statement__candidate", "statement__election").order_by(
            "position", "pk"
        )

    def related(self, limit: int = 3) -> list["Article"]:
        """Hand picks first, then the same election, tags, section; newest first; in one query.

        Only each scope's newest `limit` are candidates (read along indexes), each ranked by its first scope:
        the answer of ranking the whole archive, as what precedes an article in its scope precedes it there too.
        """
        return list(self.related_queryset(limit))

    def related_queryset(self, limit: int = 3):
        others = Article.objects.published().exclude(pk=self.pk).order_by("-publish_at", "-pk")
        links = Article.tags.through.objects
        my_tags = links.filter(article_id=self.pk).values("tag_id")
        picks = Article.related_articles.through.objects.filter(from_article_id=self.pk).values("to_article_id")
        election = [models.Q(election_id=self.election_id)] if self.election_id else []
        scopes = [models.Q(pk__in=picks), *election]
        same_section = models.Q(section_id=self.section_id)
        # The tag scope read from the tags' side: as many rows as share a tag, not the archive...
        sharing = models.Q(pk__in=links.filter(tag_id__in=my_tags).values("article_id"))
        newest = [others.filter(scope).values("pk")[:limit] for scope in [*scopes, sharing, same_section]]
        # ...and ranked row by row, for the dozen candidates only.
        shares_a_tag = Exists(links.filter(article_id=OuterRef("pk"), tag_id__in=my_tags))
        ranks = [*scopes, shares_a_tag, same_section]
        rank = models.Case(*(models.When(scope, then=models.Value(n)) for n, scope in enumerate(ranks)))
        return (
            others.filter(pk_in_any(newest))
            .only(*RELATED_FIELDS)
            .alias(rank=rank)
            .order_by("rank", "-publish_at", "-pk")[:limit]
        )


class ArticleStatement(models.Model):
    """A candidate statement an editor chose for an article, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    statement = models.ForeignKey("elections.Statement", on_delete=models.CASCADE, verbose_name=_("statement"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("chosen statement")
        verbose_name_plural = _("chosen statements")
        constraints = [models.UniqueConstraint(fields=["article", "statement"], name="statement_once_per_article")]

    def __str__(self):
        return str(self.statement)

    def clean(self):
        # A statement is printed with its candidate's result in this article's election.
        article = getattr(self, "article", None)
        if self.statement_id and article is not None and self.statement.election_id != article.election_id:
            raise ValidationError(
                {"statement": _("Choose a statement from the election this article covers.")}, code="other_election"
            )


def count_words(html: str) -> int:
    return len(strip_tags(html).split())


class OldSlug(models.Model):
    """A slug a published article used to have; its URL redirects for good."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.slug


class ArticleNote(models.Model):
    """A dated correction or update, shown at the end of the article."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"), help_text=_("Plain text: what was wrong, or what changed."))
    noted_at = models.DateTimeField(_("date"), default=timezone.now, validators=[within_newsroom_years])

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def as_structured_data(self) -> dict:
        """The note as schema.org's `correction` of a NewsArticle (for JSON-LD)."""
        return {"@type": "CorrectionComment", "text": self.text, "datePublished": self.noted_at.isoformat()}


class ArticleImage(models.Model):
    """An image placed inside an article's body, with what readers need to know of it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="articles/%Y/%m/", validators=[validate_image_upload])
    alt = models.CharField(
        _("alt text"), max_length=250, help_text=_("What the image shows, for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("inline image")
        verbose_name_plural = _("inline images")

    def __str__(self):
        return self.alt

    def figure_html(self) -> str:
        """The markup an editor pastes into the body to place this image."""
        caption = " ".join(part for part in (self.caption, self.credit) if part)
        return format_html(
            '<figure><img src="{}" srcset="{}" sizes="(max-width: 800px) 100vw, 800px" alt="{}">{}</figure>',
            self.image.url,
            srcset(self.image.name),
            self.alt,
            format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        )
