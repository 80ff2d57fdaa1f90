"""Pages for learning: the peer part (see learning/urls.py)."""

urlpatterns: list = []
