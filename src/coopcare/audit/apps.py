from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "coopcare.audit"
    label = "audit"
    verbose_name = "Audit"
