"""Pages for learning: the policy part (see learning/urls.py)."""

urlpatterns: list = []
