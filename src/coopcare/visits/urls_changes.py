"""Routes for changes (included by visits/urls.py)."""

urlpatterns: list = []
