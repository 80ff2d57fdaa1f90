from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared page furniture: template tags for accessible forms."""

    name = "coopcare.ui"
    label = "ui"
