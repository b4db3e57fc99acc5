"""HTTP API of the reference layers: the § 13 screening router and its schemas, mounted
by ``rodloeber.api``."""
