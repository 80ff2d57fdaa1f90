"""Routes for logs (included by visits/urls.py)."""

urlpatterns: list = []
