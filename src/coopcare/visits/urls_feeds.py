"""Routes for feeds (included by visits/urls.py)."""

urlpatterns: list = []
