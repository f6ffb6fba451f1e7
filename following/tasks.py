"""The digest emails' own task, so the queue can put them after the emails a person is waiting
for (a confirmation, an editor's notification): BACKGROUND_TASK_PRIORITIES gives it 10, below
``background.mail.send_queued_email`` (20) and above ordinary work (0). It sends exactly as
every queued email is sent (background.mail), and fails and retries the same way."""

from django_tasks import task

from background.mail import send_queued_email


@task()
def send_digest_email(message):
    return send_queued_email.call(message)
