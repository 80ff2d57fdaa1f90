app_name = "medicines"
urlpatterns: list = []
