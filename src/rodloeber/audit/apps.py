from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rodloeber.audit"
    label = "audit"
    verbose_name = "Revisionsspor (audit)"
