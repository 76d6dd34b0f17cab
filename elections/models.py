from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")


def share(part: int, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to two decimals; None if undefined."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TWO_PLACES, ROUND_HALF_UP)


class Election(models.Model):
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

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESIDENTIAL)
    date = models.DateField(_("election day"))
    authority_name = models.CharField(
        _("counting authority"), max_length=200, help_text=_('For example "Central Election Commission".')
    )
    authority_short_name = models.CharField(
        _("authority short name"), max_length=30, blank=True, help_text=_('For example "CEC".')
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    registered_voters = models.PositiveBigIntegerField(_("registered voters"), null=True, blank=True)
    ballots_cast = models.PositiveBigIntegerField(_("ballots cast"), null=True, blank=True)
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
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)

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
    def turnout(self) -> Decimal | None:
        if self.turnout_reported is not None:
            return self.turnout_reported
        if self.ballots_cast is None:
            return None
        return share(self.ballots_cast, self.registered_voters)

    @property
    def polling_stations_at_home(self) -> int | None:
        if self.polling_stations is None or self.polling_stations_abroad is None:
            return None
        return self.polling_stations - self.polling_stations_abroad

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.COUNTING, self.Status.PRELIMINARY}


class Candidate(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    party = models.CharField(_("party or nomination"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="candidates/", blank=True)
    bio = models.TextField(_("biography"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class ResultQuerySet(models.QuerySet):
    def ranked(self):
        return self.select_related("candidate").order_by("-percent", "position", "pk")


class Result(models.Model):
    """One line of an election's results: a candidate or another option."""

    class Option(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        AGAINST_ALL = "against_all", _("Against all")
        NONE_OF_THE_ABOVE = "none_of_the_above", _("None of the above")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="results")
    option = models.CharField(_("option"), max_length=20, choices=Option.choices, default=Option.CANDIDATE)
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="results", null=True, blank=True)
    votes = models.PositiveBigIntegerField(_("votes"), null=True, blank=True)
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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

    def __str__(self):
        return f"{self.label}: {self.percent}%"

    @property
    def label(self) -> str:
        if self.candidate_id:
            return self.candidate.name
        return str(self.Option(self.option).label)


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
    made_at = models.DateTimeField(_("when"), null=True, blank=True)

    class Meta:
        ordering = ["election", "made_at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return f"{self.candidate}: {self.text[:60]}"
