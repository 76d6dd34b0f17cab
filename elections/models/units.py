"""Results per reporting unit (region, city, votes abroad), rolled up to the whole.

A `ReportingUnit` belongs to a country, not to an election: Kazakhstan's
regions serve every Kazakh election, with their place on the tile map. Each
election's figures for a unit are a `UnitFigures` with the same counts as the
whole election and its own `UnitResult` lines.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bounds.validators import within_newsroom_years
from elections.models.election import Candidate, Election, ResultLine
from elections.models.figures import DerivedFigures
from pagecache.querysets import PageQuerySet

MAP_SIZE = 12


class ReportingUnit(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        ABROAD = "abroad", _("Abroad")

    country = models.CharField(_("country"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGION)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_('For example "KZ-AKM" (ISO 3166-2).'))
    short_name = models.CharField(
        _("short name"), max_length=4, help_text=_("At most four letters, printed on the map's tile.")
    )
    map_row = models.PositiveSmallIntegerField(
        _("map row"), default=0, validators=[MaxValueValidator(MAP_SIZE - 1)], help_text=_("0 is the top row.")
    )
    map_column = models.PositiveSmallIntegerField(
        _("map column"), default=0, validators=[MaxValueValidator(MAP_SIZE - 1)], help_text=_("0 is the left.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["country", "position", "name"]
        verbose_name = _("reporting unit")
        verbose_name_plural = _("reporting units")
        constraints = [
            models.UniqueConstraint(fields=["country", "slug"], name="one_unit_slug_per_country"),
            models.UniqueConstraint(fields=["country", "map_row", "map_column"], name="one_unit_per_map_tile"),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class UnitFigures(DerivedFigures, models.Model):
    """One unit's figures in one election: the same counts as the whole."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="unit_figures")
    unit = models.ForeignKey(ReportingUnit, on_delete=models.PROTECT, related_name="figures")
    status = models.CharField(
        _("status"), max_length=20, choices=Election.Status.choices, default=Election.Status.SCHEDULED
    )
    registered_voters = models.PositiveBigIntegerField(_("registered voters"), null=True, blank=True)
    ballots_cast = models.PositiveBigIntegerField(_("ballots cast"), null=True, blank=True)
    valid_votes_reported = models.PositiveBigIntegerField(_("valid votes"), null=True, blank=True)
    invalid_ballots_reported = models.PositiveBigIntegerField(_("invalid ballots"), null=True, blank=True)
    turnout_reported = models.DecimalField(
        _("turnout (reported, %)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source_url = models.URLField(_("source link"), blank=True)
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, validators=[within_newsroom_years])

    # The rules read these of the whole election; a unit has no polling-station figures of its own.
    polling_stations = polling_stations_abroad = None

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["election_id", "unit__position", "unit__name"]
        verbose_name = _("unit figures")
        verbose_name_plural = _("unit figures")
        constraints = [models.UniqueConstraint(fields=["election", "unit"], name="one_figures_per_unit")]

    def __str__(self):
        return f"{self.election} · {self.unit.name}"

    def get_absolute_url(self):
        return reverse("elections:unit", kwargs={"slug": self.election.slug, "unit": self.unit.slug})

    @property
    def share_basis(self) -> str:
        return self.election.share_basis

    def get_share_basis_display(self) -> str:
        return self.election.get_share_basis_display()

    @property
    def is_reporting(self) -> bool:
        return self.status != Election.Status.SCHEDULED


class UnitResult(ResultLine):
    """One line of a unit's results, as `Result` is for the whole."""

    figures = models.ForeignKey(UnitFigures, on_delete=models.CASCADE, related_name="results")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.PROTECT, related_name="unit_results", null=True, blank=True
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-percent"]
        verbose_name = _("unit result line")
        verbose_name_plural = _("unit result lines")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(option="candidate", candidate__isnull=False))
                | (~models.Q(option="candidate") & models.Q(candidate__isnull=True)),
                name="unit_result_candidate_matches_option",
            ),
            models.UniqueConstraint(fields=["figures", "candidate"], name="one_unit_result_per_candidate"),
            models.UniqueConstraint(
                fields=["figures", "option"],
                condition=~models.Q(option="candidate"),
                name="one_unit_result_per_other_option",
            ),
        ]
