"""Reader addresses of the bulletins (under the language prefix)."""

from django.urls import path

from cms.bulletins import views

urlpatterns = [
    path("bulletins/<slug:slug>/", views.archive, name="bulletin_archive"),
    path("bulletins/<slug:slug>/subscribe/", views.subscribe, name="bulletin_subscribe"),
    path("bulletins/<slug:slug>/<int:number>/", views.issue_page, name="bulletin_issue"),
    path("bulletins/<slug:slug>/<int:number>/pdf/", views.issue_pdf, name="bulletin_issue_pdf"),
    path("bulletins/confirm/<str:token>/", views.confirm, name="bulletin_confirm"),
    path("bulletins/unsubscribe/<str:token>/", views.unsubscribe, name="bulletin_unsubscribe"),
    path("bulletins/preferences/<str:token>/", views.preferences, name="bulletin_preferences"),
]
