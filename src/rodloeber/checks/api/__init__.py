"""HTTP API of the checks (eligibility, permit navigator, plan preview): router and
schemas, mounted by ``rodloeber.api``."""
