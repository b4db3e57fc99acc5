"""Write services of the cases app, one module per area and one function per action.

Each service is keyword-only, typed, runs in one ``transaction.atomic()`` and
writes exactly one audit event (``record_event``) plus its outbox rows in that
transaction. Object-level access is checked by the caller through
``rodloeber.cases.selectors``; services re-check the role they need.
"""
