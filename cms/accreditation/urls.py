"""Reader addresses (under the language prefix) and admin addresses of the press office."""

from django.urls import path

from cms.accreditation import admin_views, views

reader_urls = [
    path("accreditation/", views.request_form, name="accreditation_form"),
    path("accreditation/sent/", views.request_sent, name="accreditation_sent"),
]

admin_urls = [
    path("", admin_views.queue, name="accreditation_queue"),
    path("<int:pk>/", admin_views.detail, name="accreditation_detail"),
    path("<int:pk>/press-card/", admin_views.press_card, name="accreditation_press_card"),
    path("events/", admin_views.events, name="accreditation_events"),
    path(
        "events/<int:event_id>/badges.<str:kind>",
        admin_views.badge_list,
        name="accreditation_badges",
    ),
]
