"""Routes for calendar (included by visits/urls.py)."""

urlpatterns: list = []
