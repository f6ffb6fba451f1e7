"""The address a sign-in attempt comes from, as django-axes counts it (AXES_CLIENT_IP_CALLABLE).

X-Forwarded-For is anyone's to write, so it is believed only on a request that reached us from
one of TRUSTED_PROXY_IPS. Then the client is the right-most address in it that is not one of
our proxies: each proxy appends the address it was connected from, and anything to the left of
that may have come from the client itself.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXY_IPS)))


def client_ip_address(request):
    connected = request.META.get("REMOTE_ADDR", "")
    address = _address(connected)
    if address is None or not _is_trusted_proxy(address):
        return connected or None
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        forwarded = _address(hop)
        if forwarded is None:
            break
        if not _is_trusted_proxy(forwarded):
            return str(forwarded)
    return connected
