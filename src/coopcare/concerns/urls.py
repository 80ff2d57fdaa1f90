from django.urls import path

from coopcare.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.handler_list, name="list"),
    path("new/", views.new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/update/", views.update, name="update"),
]
