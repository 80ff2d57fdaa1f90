"""Pages for learning: the compliance part (see learning/urls.py)."""

urlpatterns: list = []
