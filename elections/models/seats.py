"""How a party-list election turns votes into seats (the arithmetic is in elections/seats.py)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elections.models.election import Election
from pagecache.querysets import PageQuerySet


class SeatRule(models.Model):
    class Method(models.TextChoices):
        HARE = "hare", _("Largest remainder, Hare quota")
        DROOP = "droop", _("Largest remainder, Droop quota")
        DHONDT = "dhondt", _("D'Hondt (highest averages)")
        SAINTE_LAGUE = "sainte_lague", _("Sainte-Laguë (highest averages)")

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="seat_rule")
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(1000)], help_text=_("Seats filled from lists.")
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.HARE)
    threshold = models.DecimalField(
        _("threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A list needs at least this share (as the authority published it) to win seats."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat rule")
        verbose_name_plural = _("seat rules")

    def __str__(self):
        return f"{self.election}: {self.seats} · {self.get_method_display()}"
