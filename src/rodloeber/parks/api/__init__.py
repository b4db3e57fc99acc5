"""HTTP API of the parks app (industriparker): routers and schemas, mounted by ``rodloeber.api``."""
