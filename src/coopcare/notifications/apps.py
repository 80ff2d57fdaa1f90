from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "coopcare.notifications"
    label = "notifications"
    verbose_name = "Notifications"
