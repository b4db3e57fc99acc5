"""The layer registry (lagregister): one row per stored GeoPackage with its provenance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rodloeber.domain.geo import Provenance

SYNTHETIC_LABEL_DA = "syntetiske demodata"
SYNTHETIC_ATTRIBUTION = "Syntetiske demodata (genereret)"


class Theme(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative boundaries")
    NATURE = "nature", _("Nature protection")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    ENERGY = "energy", _("Energy")
    EDUCATION = "education", _("Education")
    BUSINESS = "business", _("Business")
    PLANNING = "planning", _("Spatial planning")


class Layer(models.Model):
    """A reference layer (referencelag): a GeoPackage in EPSG:25832 plus its metadata.

    The file lives at ``<layers dir>/<name>.gpkg``; ``checksum`` is its SHA-256
    and ``recipe`` identifies what built it (source file digests and builder
    version, or generator version and seed) so ``layers bootstrap`` can skip
    layers that are already current.
    """

    name = models.SlugField(max_length=63, unique=True)
    title_da = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    theme = models.CharField(max_length=20, choices=Theme.choices)
    source = models.CharField(max_length=500, help_text="URL, service or file of origin")
    source_layer = models.CharField(max_length=200, blank=True, help_text="WFS type name or layer")
    version = models.CharField(max_length=100, help_text="version date or generator version")
    licence = models.CharField(max_length=300)
    attribution = models.TextField()
    accuracy_note = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)
    feature_count = models.PositiveIntegerField(default=0)
    part_count = models.PositiveIntegerField(default=0)
    geometry_type = models.CharField(max_length=40, blank=True)
    bbox = models.JSONField(default=list, blank=True, help_text="EPSG:25832 minx, miny, maxx, maxy")
    checksum = models.CharField(max_length=64)
    file_size = models.PositiveBigIntegerField(default=0)
    recipe = models.CharField(max_length=200, blank=True)
    repair_report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reference layer")
        verbose_name_plural = _("reference layers")

    def __str__(self) -> str:
        return self.name

    def provenance(self) -> Provenance:
        return Provenance(
            name=self.name,
            title_da=self.title_da,
            title_en=self.title_en,
            source=self.source + (f" ({self.source_layer})" if self.source_layer else ""),
            version=self.version,
            licence=self.licence,
            attribution=self.attribution,
            synthetic=self.synthetic,
            accuracy_note=self.accuracy_note,
        )

    @property
    def label_da(self) -> str:
        """The title, marked 'syntetiske demodata' when the layer is synthetic."""
        return f"{self.title_da} ({SYNTHETIC_LABEL_DA})" if self.synthetic else self.title_da
