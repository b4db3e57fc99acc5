"""HTTP layer of the cases app: schemas and routers mounted by ``rodloeber.api``."""
