import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bounds.validators import within_newsroom_years
from elections.models.figures import DerivedFigures
from pagecache.querysets import PageQuerySet

# How long after election day a count still counts as live on the page.
LIVE_FOR = dt.timedelta(days=30)


class Election(DerivedFigures, models.Model):
    class Kind(models.TextChoices):
        PRESIDENTIAL = "presidential", _("Presidential")
        PARLIAMENTARY = "parliamentary", _("Parliamentary")
        REFERENDUM = "referendum", _("Referendum")
        LOCAL = "local", _("Local")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COUNTING = "counting", _("Counting")
        PRELIMINARY = "preliminary", _("Preliminary results")
        FINAL = "final", _("Final results")
        CORRECTED = "corrected", _("Corrected results")

    class ShareBasis(models.TextChoices):
        VALID_VOTES = "valid_votes", _("valid votes")
        BALLOTS_CAST = "ballots_cast", _("ballots cast")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESIDENTIAL)
    date = models.DateField(_("election day"), validators=[within_newsroom_years])
    authority_name = models.CharField(
        _("counting authority"), max_length=200, help_text=_('For example "Central Election Commission".')
    )
    authority_short_name = models.CharField(
        _("authority short name"), max_length=30, blank=True, help_text=_('For example "CEC".')
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    registered_voters = models.PositiveBigIntegerField(_("registered voters"), null=True, blank=True)
    ballots_cast = models.PositiveBigIntegerField(_("ballots cast"), null=True, blank=True)
    valid_votes_reported = models.PositiveBigIntegerField(
        _("valid votes"),
        null=True,
        blank=True,
        help_text=_("Including votes for options such as “against all”. Leave empty to derive it."),
    )
    invalid_ballots_reported = models.PositiveBigIntegerField(
        _("invalid ballots"), null=True, blank=True, help_text=_("Leave empty to derive it.")
    )
    share_basis = models.CharField(
        _("shares are of"),
        max_length=20,
        choices=ShareBasis.choices,
        default=ShareBasis.VALID_VOTES,
        help_text=_("What the authority's percentages are a share of."),
    )
    runoff_threshold = models.DecimalField(
        _("share needed to win outright (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A candidate must get more than this, or the two leaders go to a runoff. Empty: the leader wins."),
    )
    turnout_reported = models.DecimalField(
        _("turnout (reported, %)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("As the authority announced it. Leave empty to derive it from ballots cast / registered voters."),
    )
    polling_stations = models.PositiveIntegerField(_("polling stations"), null=True, blank=True)
    polling_stations_abroad = models.PositiveIntegerField(_("of them abroad"), null=True, blank=True)
    diplomatic_missions = models.PositiveIntegerField(_("diplomatic missions hosting them"), null=True, blank=True)
    observers = models.PositiveIntegerField(_("observers"), null=True, blank=True)
    accredited_journalists = models.PositiveIntegerField(_("accredited journalists"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(_("term of office (years)"), null=True, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, validators=[within_newsroom_years])

    national_from_units = models.BooleanField(
        _("national figures are the sum of the units"),
        default=False,
        help_text=_("Tick when the authority gives figures by region only: the national ones are added up."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("elections:detail", kwargs={"slug": self.slug})

    @property
    def authority_label(self) -> str:
        return self.authority_short_name or self.authority_name

    @property
    def polling_stations_at_home(self) -> int | None:
        if self.polling_stations is None or self.polling_stations_abroad is None:
            return None
        return self.polling_stations - self.polling_stations_abroad

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.COUNTING, self.Status.PRELIMINARY}

    @property
    def is_live(self) -> bool:
        """Open and recent: a page left "counting" years ago does not poll for ever."""
        return self.is_open and timezone.localdate() - self.date <= LIVE_FOR

    def outcome(self, results: list["Result"]) -> "Outcome":
        """Who won, leads or goes to a runoff, derived from `results` (ranked lines)."""
        candidates = [line for line in results if line.candidate_id]
        if self.status == self.Status.SCHEDULED or not candidates:
            return Outcome(Outcome.Kind.NONE)
        leader, *others = candidates
        if others and others[0].percent == leader.percent:
            return Outcome(Outcome.Kind.TIE, (leader, others[0]))
        if self.status == self.Status.COUNTING:
            return Outcome(Outcome.Kind.LEADING, (leader,))
        if self.runoff_threshold is None or leader.percent > self.runoff_threshold:
            return Outcome(Outcome.Kind.WINNER, (leader,))
        return Outcome(Outcome.Kind.RUNOFF, tuple(candidates[:2]))


@dataclass(frozen=True)
class Outcome:
    class Kind(models.TextChoices):
        NONE = "none", _("No result yet")
        LEADING = "leading", _("Leading")
        TIE = "tie", _("Tie")
        WINNER = "winner", _("Winner")
        RUNOFF = "runoff", _("Runoff")

    kind: str
    lines: tuple = ()


class Candidate(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    party = models.CharField(_("party or nomination"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="candidates/", blank=True)
    bio = models.TextField(_("biography"), blank=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def _free_slug(self) -> str:
        # Names in Cyrillic or Kazakh slugify to nothing in ASCII; keep their letters.
        base = slugify(self.name, allow_unicode=True)[:190] or "candidate"
        slug, number = base, 1
        while Candidate.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class ResultQuerySet(PageQuerySet):
    def ranked(self):
        return self.select_related("candidate").order_by("-percent", "position", "pk")


class ResultLine(models.Model):
    """What every line of results holds, for the whole (`Result`) or for one unit (`UnitResult`)."""

    class Option(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        AGAINST_ALL = "against_all", _("Against all")
        NONE_OF_THE_ABOVE = "none_of_the_above", _("None of the above")

    option = models.CharField(_("option"), max_length=20, choices=Option.choices, default=Option.CANDIDATE)
    votes = models.PositiveBigIntegerField(_("votes"), null=True, blank=True)
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.label}: {self.percent}%"

    @property
    def label(self) -> str:
        if self.candidate_id:
            return self.candidate.name
        return str(self.Option(self.option).label)


class Result(ResultLine):
    """One line of an election's results: a candidate or another option."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="results")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="results", null=True, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-percent"]
        verbose_name = _("result line")
        verbose_name_plural = _("result lines")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(option="candidate", candidate__isnull=False))
                | (~models.Q(option="candidate") & models.Q(candidate__isnull=True)),
                name="result_candidate_matches_option",
            ),
            models.UniqueConstraint(fields=["election", "candidate"], name="one_result_per_candidate"),
            models.UniqueConstraint(
                fields=["election", "option"],
                condition=~models.Q(option="candidate"),
                name="one_result_per_other_option",
            ),
        ]


class Statement(models.Model):
    """Something a candidate said about the election, tied to their result."""

    class Manner(models.TextChoices):
        SAID = "said", _("said")
        STATEMENT = "statement", _("said in a statement")
        INSTAGRAM = "instagram", _("wrote on Instagram")
        FACEBOOK = "facebook", _("wrote on Facebook")
        TELEGRAM = "telegram", _("wrote on Telegram")
        X = "x", _("wrote on X")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="statements")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField(_("text"))
    manner = models.CharField(_("how it was made"), max_length=20, choices=Manner.choices, default=Manner.SAID)
    source_url = models.URLField(_("source link"), blank=True)
    made_at = models.DateTimeField(_("when"), null=True, blank=True, validators=[within_newsroom_years])

    objects = PageQuerySet.as_manager()

    class Meta:
        # By the column, not the election's own ordering: no join on every query.
        ordering = ["election_id", "made_at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return f"{self.candidate}: {self.text[:60]}"


class Revision(models.Model):
    """One announced set of an election's figures, kept when a later one replaces it.

    `figures` is a snapshot (see elections.history); `note` is the correction
    notice readers see when the set corrects an earlier final one.
    """

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="revisions")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Election.Status.choices)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, validators=[within_newsroom_years])
    source_url = models.URLField(_("source link"), blank=True)
    figures = models.JSONField(_("figures"))
    note = models.TextField(_("correction note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("figures revision")
        verbose_name_plural = _("figures revisions")

    def __str__(self):
        # The site's time, as every other time on the desk; the row label beside the inline's times.
        when = date_format(timezone.localtime(self.recorded_at), "SHORT_DATETIME_FORMAT") if self.recorded_at else ""
        return f"{self.election} · {when}"
