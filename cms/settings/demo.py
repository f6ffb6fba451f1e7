"""A public demo install: the production settings plus the demo content (`manage.py load_demo`).

Everything production requires is required here too; load_demo also needs DEMO_PASSWORD.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
