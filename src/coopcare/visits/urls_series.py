"""Routes for series (included by visits/urls.py)."""

urlpatterns: list = []
