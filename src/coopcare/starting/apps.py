from django.apps import AppConfig


class StartingConfig(AppConfig):
    name = "coopcare.starting"
    label = "starting"
    verbose_name = "Starting a team"
