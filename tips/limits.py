"""How many tips one sender may send (docs/tips.md, "Limits").

One browser session: settings.TIPS_SESSION_LIMIT tips (5) in TIPS_SESSION_WINDOW (10 minutes);
the times are kept in the session itself. One client address: TIPS_ADDRESS_LIMIT (60) an hour,
counted in the cache. A village training on one mobile connection shares one address, so that
limit is twelve times the session's: it stops a flood from one machine, not a room of phones.
The address is the one sign-in throttling uses (sign_in.client_address, which believes
X-Forwarded-For only from TRUSTED_PROXY_IPS).
"""

import time

from django.conf import settings
from django.core.cache import cache

from sign_in.client_address import client_ip_address

SESSION_KEY = "tips_sent_at"


def _recent(request, now):
    window = settings.TIPS_SESSION_WINDOW
    sent = request.session.get(SESSION_KEY, [])
    return [moment for moment in sent if isinstance(moment, (int, float)) and now - moment < window]


def session_refused(request):
    return len(_recent(request, time.time())) >= settings.TIPS_SESSION_LIMIT


def _address_key(request):
    window = settings.TIPS_ADDRESS_WINDOW
    return f"tips:address:{client_ip_address(request)}:{int(time.time() // window)}"


def address_refused(request):
    return (cache.get(_address_key(request)) or 0) >= settings.TIPS_ADDRESS_LIMIT


def count_tip(request):
    now = time.time()
    request.session[SESSION_KEY] = [*_recent(request, now), now]
    key = _address_key(request)
    if cache.add(key, 1, settings.TIPS_ADDRESS_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.TIPS_ADDRESS_WINDOW)
