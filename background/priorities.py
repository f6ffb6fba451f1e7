"""Which waiting task runs first: BACKGROUND_TASK_PRIORITIES, by the task's dotted path.

A cache purge must not wait behind an hour of renditions, yet neither Wagtail's purge task nor
our own tasks should each guess a number: the order of all work is read from one setting,
written onto each task as it is queued (django-tasks' priority, higher runs first).
"""

from django.conf import settings
from django.db.models.signals import pre_save
from django_tasks_db.models import DBTaskResult


def priority_for(task_path, default):
    return settings.BACKGROUND_TASK_PRIORITIES.get(task_path, default)


def _set_priority(sender, instance, **kwargs):
    if instance._state.adding:
        instance.priority = priority_for(instance.task_path, instance.priority)


def connect():
    pre_save.connect(_set_priority, sender=DBTaskResult, dispatch_uid="background_priorities")
