"""Errors of the layers app (fejl ved referencelag), bilingual like every domain error."""

from __future__ import annotations

from rodloeber.domain.geodata.errors import GeodataError


class LayerError(GeodataError):
    """A layer operation failed: unknown layer, missing file, no network, bad endpoint."""

    field = ""


def layer_not_found(name: str) -> LayerError:
    return LayerError(
        "layer_not_found",
        f"Referencelaget '{name}' findes ikke. Kør 'rodloeber layers bootstrap' eller "
        "importér det.",
        f"The reference layer '{name}' does not exist. Run 'rodloeber layers bootstrap' or "
        "import it.",
    )
