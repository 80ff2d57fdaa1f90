from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "coopcare.notes"
    label = "notes"
    verbose_name = "Care notes"
