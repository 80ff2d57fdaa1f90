"""Pages for learning: the sessions part (see learning/urls.py)."""

urlpatterns: list = []
