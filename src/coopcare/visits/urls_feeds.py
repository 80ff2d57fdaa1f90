"""Routes for the calendar feed and checking in (included by visits/urls.py)."""

from django.urls import path

from coopcare.visits import views_feeds

urlpatterns = [
    path("feed/<str:token>.ics", views_feeds.feed, name="feed"),
    path("my-calendar-feed/", views_feeds.feed_settings, name="feed_settings"),
    path("my-calendar-feed/new/", views_feeds.feed_regenerate, name="feed_regenerate"),
    path("<int:pk>/check-in/", views_feeds.check_in, name="check_in"),
]
