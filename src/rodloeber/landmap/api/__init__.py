"""HTTP API of the land map (ledige erhvervsarealer): router and schemas, mounted by
``rodloeber.api``."""
