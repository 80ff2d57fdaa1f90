from django.apps import AppConfig


class SupportProfilesConfig(AppConfig):
    name = "coopcare.supportprofiles"
    label = "supportprofiles"
    verbose_name = "Support profiles"
