"""HTTP API of the reports app: public statistics, mounted by ``rodloeber.api``."""
