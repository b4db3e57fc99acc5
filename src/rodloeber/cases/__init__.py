"""Én indgang case management (sagsbehandling): cases, permits, milestones, clock.

See ``README.md`` in this package for models, states, services and selectors.
"""
