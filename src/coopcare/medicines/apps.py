from django.apps import AppConfig


class MedicinesConfig(AppConfig):
    name = "coopcare.medicines"
    label = "medicines"
    verbose_name = "Medicines (MAR)"
