from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "coopcare.members"
    label = "members"
    verbose_name = "Members"
