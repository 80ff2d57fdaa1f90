from django.apps import AppConfig


class SeedConfig(AppConfig):
    name = "coopcare.seed"
    label = "seed"
    verbose_name = "Seed data"
