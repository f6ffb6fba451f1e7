"""Production: refuses to start without the variables it cannot guess."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ENV

_missing = [name for name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS") if not ENV[name]]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# Load balancers probe the app servers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/live/$", r"^health/ready/$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
# The HSTS header of this host covers only its own subdomains (*.this-host), never its siblings;
# none of them should speak plain HTTP, and a plain-HTTP one could plant cookies on this site.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for SECURE_HSTS_PRELOAD. Preloading is a promise about the whole
    # registrable domain, written into browsers for months and slow to undo; it is the domain
    # owner's decision (hstspreload.org), not this application's. docs/security.md.
    "security.W021",
]
