"""Routes for the calendars, the appointment page and booking (included by visits/urls.py)."""

from django.urls import path

from coopcare.visits import views_booking, views_calendar

urlpatterns: list = [
    path("teams/<int:team_id>/calendar/", views_calendar.team_calendar, name="team_calendar"),
    path("mine/", views_calendar.my_calendar, name="my_calendar"),
    path("teams/<int:team_id>/book/", views_booking.book, name="book"),
    path("<int:pk>/", views_booking.appointment_detail, name="appointment"),
    path("<int:pk>/join/", views_booking.join, name="join"),
    path("<int:pk>/decline/", views_booking.decline, name="decline"),
]
