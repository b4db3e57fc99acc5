"""The agreement's budget (Tabel 1) and the actual spending entered against it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class BudgetLine(models.Model):
    """A line of Tabel 1 (bevillingslinje): an area (level 0), a line (level 1)
    or a sub-line by authority ("Heraf til …", level 2). Seeded from
    ``reports/data/budget.yaml``; never edited in the UI."""

    code = models.CharField(max_length=64, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    name_da = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    authority_codes = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.code


class BudgetAllocation(models.Model):
    """The amount allocated to a line in a year (mio. kr.)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="allocations")
    year = models.PositiveSmallIntegerField()
    amount_mdkk = models.DecimalField(max_digits=9, decimal_places=3)

    class Meta:
        ordering = ["line__position", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="unique_budget_allocation")
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.year}: {self.amount_mdkk}"


class BudgetSpend(models.Model):
    """Actual spending (faktisk forbrug) on a sub-line in a year, entered by a
    ministry analyst. Rows are appended; the newest row per line and year is
    the current figure, older rows are the history."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spending")
    year = models.PositiveSmallIntegerField()
    amount_mdkk = models.DecimalField(max_digits=9, decimal_places=3)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-entered_at", "-id"]
        indexes = [models.Index(fields=["line", "year"])]

    def __str__(self) -> str:
        return f"{self.line_id} {self.year}: {self.amount_mdkk}"
