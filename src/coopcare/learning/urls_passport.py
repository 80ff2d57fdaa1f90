"""Pages for learning: the passport part (see learning/urls.py)."""

urlpatterns: list = []
