from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "coopcare.api"
    label = "api"
    verbose_name = "API"
