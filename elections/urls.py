from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("<slug:slug>/", views.election_detail, name="detail"),
]
