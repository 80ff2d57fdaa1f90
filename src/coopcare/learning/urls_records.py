"""Pages for learning: the records part (see learning/urls.py)."""

urlpatterns: list = []
