from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("<slug:slug>/", views.election_detail, name="detail"),
    path("<slug:slug>/embed/", views.election_embed, name="embed"),
    path("<slug:slug>/live/", views.election_live, name="live"),
    path("<slug:slug>/results.csv", views.results_csv, name="results_csv"),
    path("<slug:slug>/results.json", views.results_json, name="results_json"),
    # Last: a unit cannot take the name of the pages above.
    path("<slug:slug>/<str:unit>/", views.unit_detail, name="unit"),
]
