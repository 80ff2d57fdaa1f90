"""Pages for appointments, the calendars, changes, care logs and calendar feeds.

Each part lists its own routes in a ``urls_*`` module; they share the ``visits`` namespace.
"""

from coopcare.visits import urls_calendar, urls_changes, urls_feeds, urls_logs, urls_series

app_name = "visits"
urlpatterns = [
    *urls_calendar.urlpatterns,
    *urls_series.urlpatterns,
    *urls_changes.urlpatterns,
    *urls_logs.urlpatterns,
    *urls_feeds.urlpatterns,
]
