from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "coopcare.teams"
    label = "teams"
    verbose_name = "Teams"
