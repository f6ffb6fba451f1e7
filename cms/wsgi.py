import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

from cms.warm_up import warm_up  # noqa: E402 (needs the settings get_wsgi_application loaded)

warm_up()
