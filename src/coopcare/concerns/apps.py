from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "coopcare.concerns"
    label = "concerns"
    verbose_name = "Concerns (Sharing Stuff)"
