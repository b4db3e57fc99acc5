"""Business areas (erhvervsarealer) with plan facts, vacancy and precomputed distances.

No PostGIS (ADR 0006): the geometry is stored as WKB in EPSG:25832, its
EPSG:4326 GeoJSON is kept for output, and bounding box, centroid and the
infrastructure distances are plain indexed columns so that every filter of
``/kort`` and ``GET /api/v1/land/areas`` is an ordinary indexed SQL query.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rodloeber.domain.landcodes import STATUSES
from rodloeber.domain.planning.calendar import add_months

#: An area's data older than this many months need an update (our choice: a
#: year, the rhythm in which municipalities revise their vacancy lists).
STALE_AFTER_MONTHS = 12


def stale_cutoff(today: date) -> date:
    """Data from before this day are stale (one home for the rule)."""
    return add_months(today, -STALE_AFTER_MONTHS)


class AreaStatus(models.TextChoices):
    AVAILABLE = "ledig", _("Available")
    RESERVED = "reserveret", _("Reserved")
    SOLD = "solgt", _("Sold")


assert {c.value for c in AreaStatus} == set(STATUSES)


class BusinessArea(models.Model):
    """One business area: a kommuneplanramme (or part of one) with vacant land."""

    # Plandata (kommuneplanramme)
    planid = models.CharField(max_length=40, blank=True, db_index=True)
    plannr = models.CharField(max_length=40, blank=True)
    plannavn = models.CharField(max_length=250)
    komnr = models.CharField(max_length=4, db_index=True)
    kommune_name = models.CharField(max_length=100, blank=True)
    region_code = models.CharField(max_length=4, blank=True, db_index=True)
    region_name = models.CharField(max_length=100, blank=True)
    doklink = models.URLField(max_length=500, blank=True)
    anvgen = models.PositiveSmallIntegerField(null=True, blank=True)
    anvspec = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    zone = models.PositiveSmallIntegerField(null=True, blank=True)
    bebygpct = models.FloatField(null=True, blank=True)
    bebygpctaf = models.PositiveSmallIntegerField(null=True, blank=True)
    maxetager = models.PositiveSmallIntegerField(null=True, blank=True)
    maxbygnhjd = models.FloatField(null=True, blank=True)
    minmiljo = models.PositiveSmallIntegerField(null=True, blank=True)
    maxmiljo = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)

    # Vacancy (from the municipality's sale list)
    net_planned_ha = models.FloatField(default=0)
    available_ha = models.FloatField(default=0, db_index=True)
    status = models.CharField(
        max_length=12, choices=AreaStatus.choices, default=AreaStatus.AVAILABLE, db_index=True
    )
    price_dkk_per_m2 = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    building_deadline_years = models.PositiveSmallIntegerField(null=True, blank=True)
    buy_back_clause = models.BooleanField(null=True, blank=True)
    connection_fees = models.CharField(max_length=300, blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    source = models.CharField(max_length=300, blank=True)
    source_updated = models.DateField(db_index=True)
    synthetic = models.BooleanField(default=False)

    # Geometry (EPSG:25832 WKB; EPSG:4326 GeoJSON for output) and what is derived from it
    geometry_wkb = models.BinaryField()
    geojson = models.TextField()
    area_ha = models.FloatField(default=0)
    min_lon = models.FloatField(db_index=True)
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    centroid_lon = models.FloatField()
    centroid_lat = models.FloatField()
    centroid_x = models.FloatField()
    centroid_y = models.FloatField()

    # Precomputed infrastructure (km) and industrial park
    km_motorway = models.FloatField(null=True, blank=True, db_index=True)
    km_rail = models.FloatField(null=True, blank=True, db_index=True)
    km_port = models.FloatField(null=True, blank=True, db_index=True)
    km_substation_132 = models.FloatField(null=True, blank=True, db_index=True)
    km_substation_400 = models.FloatField(null=True, blank=True, db_index=True)
    in_industrial_park = models.BooleanField(default=False, db_index=True)
    industrial_park_name = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-available_ha", "id"]
        indexes = [
            models.Index(fields=["komnr", "planid"], name="landmap_kom_planid"),
            # Covering index for the map's filter query: the count and the distance
            # limits are answered from the index without reading the wide rows
            # (geometry, GeoJSON) — 80-190 ms -> ~6 ms at 50,000 areas on SQLite.
            models.Index(
                fields=[
                    "available_ha",
                    "km_motorway",
                    "km_port",
                    "km_substation_132",
                    "km_substation_400",
                    "km_rail",
                ],
                name="landmap_filter_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plannavn} ({self.komnr})"

    @property
    def is_stale(self) -> bool:
        """Older than a year: shown with a warning (stale records mislead site
        seekers) and an update task in the planner's inbox."""
        return self.source_updated < stale_cutoff(timezone.localdate())
