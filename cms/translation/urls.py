from django.urls import path

from cms.translation import approval, editing, views, workbench
from cms.translation.reports import LagReportView
from cms.translation.viewsets import QueueView

app_name = "desk"
urlpatterns = [
    path("", views.index, name="index"),
    path("queue/<str:language>/", QueueView.as_view(), name="queue"),
    path(
        "queue/<str:language>/results/",
        QueueView.as_view(results_only=True),
        name="queue_results",
    ),
    path("job/<int:job_id>/", views.job_detail, name="job"),
    path("job/<int:job_id>/workbench/", workbench.workbench, name="workbench"),
    path(
        "job/<int:job_id>/segment/<int:segment_id>/save/",
        workbench.save,
        name="segment_save",
    ),
    path(
        "job/<int:job_id>/segment/<int:segment_id>/check/",
        workbench.check,
        name="segment_check",
    ),
    path(
        "job/<int:job_id>/segment/<int:segment_id>/comment/",
        workbench.comment,
        name="segment_comment",
    ),
    path("job/<int:job_id>/source-changes/", views.source_changes, name="source_changes"),
    path("job/<int:job_id>/approval/", approval.approval, name="approval"),
    path("job/<int:job_id>/<slug:action>/", views.job_action, name="job_action"),
    path("send/", views.send, name="send"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("status/<slug:slug>/", views.status_view, name="status"),
    path("story/<int:page_id>/", views.story, name="story"),
    path("lag/", LagReportView.as_view(), name="lag"),
    path("lag/results/", LagReportView.as_view(results_only=True), name="lag_results"),
    path("memory.tmx", views.memory_export, name="memory_export"),
    path("glossary.tbx", views.glossary_export, name="glossary_export"),
    path("import/<str:kind>/", views.exchange_import, name="import"),
    path(
        "translation/<int:translation_id>/suggestions.json",
        editing.suggestions,
        name="suggestions",
    ),
    path(
        "translation/<int:translation_id>/segment/<int:segment_id>/use/",
        editing.use_match,
        name="use_match",
    ),
]
