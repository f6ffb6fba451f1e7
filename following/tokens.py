"""The links in every email: signed with SECRET_KEY (Django's signing), never stored.

A token names a follower and their ``key``; the signature proves the site made it. The
confirmation link also carries its time and works for ``CONFIRM_DAYS`` days; the manage and
unsubscribe link works as long as the subscription does (a new key, or leaving, ends it).
A forged, altered or expired token is simply not found: ``None``.
"""

from django.core import signing

from .models import Subscriber

CONFIRM_DAYS = 7
_CONFIRM_SALT = "following.confirm"
_MANAGE_SALT = "following.manage"
MAX_TOKEN_LENGTH = 200


def _value(subscriber):
    return f"{subscriber.pk}.{subscriber.key}"


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(_value(subscriber))


def manage_token(subscriber):
    return signing.Signer(salt=_MANAGE_SALT).sign(_value(subscriber))


def _subscriber(value):
    pk, _dot, key = value.partition(".")
    if not pk.isdigit() or not key:
        return None
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or subscriber.key != key:
        return None
    return subscriber


def subscriber_for_confirm(token):
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        value = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(
            token, max_age=CONFIRM_DAYS * 24 * 3600
        )
    except signing.BadSignature:  # SignatureExpired included
        return None
    return _subscriber(value)


def subscriber_for_manage(token):
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        value = signing.Signer(salt=_MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _subscriber(value)
