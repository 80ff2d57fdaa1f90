from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "coopcare.circles"
    label = "circles"
    verbose_name = "Circles"
