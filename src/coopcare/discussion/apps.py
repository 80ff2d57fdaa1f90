from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "coopcare.discussion"
    label = "discussion"
    verbose_name = "Team discussion"
