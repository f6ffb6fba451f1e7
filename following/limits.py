"""How often one email address, or one client address, may ask to follow (the cache counts).

``PER_EMAIL`` requests for one email address in ``WINDOW`` seconds: enough to correct a typo in
the choices, too few to flood someone's inbox with confirmation emails. ``PER_CLIENT`` from one
client address in the same window: a village training session on one shared connection fits,
a script does not. The client address is sign-in's (``sign_in.client_address``), which trusts
X-Forwarded-For only from TRUSTED_PROXY_IPS. Past a limit the reader gets a clear message and
nothing is stored or sent.
"""

import hashlib

from django.core.cache import cache

from sign_in.client_address import client_ip_address

WINDOW = 600  # seconds
PER_EMAIL = 3
PER_CLIENT = 20


def _hit(kind, value, limit):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"following:{kind}:{digest}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= limit


def client_allowed(request):
    """Counts this request against its client address; False past the limit."""
    return _hit("client", client_ip_address(request) or "unknown", PER_CLIENT)


def email_allowed(address):
    """Counts one request for this email address; False past the limit."""
    return _hit("email", address.lower(), PER_EMAIL)
