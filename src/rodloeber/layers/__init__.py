"""Reference layers (referencelag): registry, importers, bundled and synthetic data.

Public read interface: :mod:`rodloeber.layers.loading` (``get_layer``,
``list_layers``, ``layer_path``). Writes go through :mod:`rodloeber.layers.services`.
"""
