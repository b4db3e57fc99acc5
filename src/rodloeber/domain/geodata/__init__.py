"""Framework-free geodata helpers (geodata): validation, repair, subdivision, synthesis.

Everything here works on shapely 2 geometry arrays in EPSG:25832 and imports
neither Django nor other apps, so the importers, the bootstrap command and
the tests share exactly the same rules.
"""
