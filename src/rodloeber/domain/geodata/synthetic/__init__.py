"""Seeded synthetic national layers (syntetiske demodata) for what cannot be bundled.

The official § 3, Natura 2000, fredninger, naturnationalparker, cluster and
energy-park layers cannot be shipped offline, so the demo and the tests use
plausible stand-ins with the official field names. Same seed, same output.
"""
