from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class TaskReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_see_the_queue(request.user)


@hooks.register("register_admin_urls")
def register_task_report_urls():
    return [
        path("reports/background-tasks/", views.task_report, name="background_task_report"),
        path(
            "reports/background-tasks/<uuid:result_id>/run-again/",
            views.run_task_again,
            name="background_run_task_again",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_task_report_menu_item():
    return TaskReportMenuItem(
        _("Background tasks"),
        reverse("background_task_report"),
        name="background-tasks",
        icon_name="tasks",
        order=1000,
    )
