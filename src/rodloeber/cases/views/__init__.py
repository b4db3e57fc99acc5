"""Browser pages of Én indgang (sagsbehandling i browseren), split by role and area.

Every read goes through ``rodloeber.cases.selectors`` (invisible → 404) and
every write through one service; pages work without JavaScript (plain forms,
POST-redirect-GET) and htmx only enhances them.
"""
