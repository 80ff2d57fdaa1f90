from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "coopcare.visits"
    label = "visits"
    verbose_name = "Appointments and care logs"
