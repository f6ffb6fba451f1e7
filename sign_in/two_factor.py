"""Two-step sign-in: who must use it, what a signed-in session still owes, and the devices.

A user's second factor is a django-otp TOTP device (an authenticator app: Google
Authenticator, Microsoft Authenticator, FreeOTP... all work offline) and a django-otp static
device holding their one-use recovery codes.
"""

import math
import secrets
from base64 import b32encode
from enum import StrEnum

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

# Upper apps say who else must use two-step sign-in (besides administrators) by registering a
# function of the user under this Wagtail hook name; editorial registers its editors.
REQUIRES_TWO_FACTOR_HOOK = "requires_two_factor"

AUTHENTICATOR_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code copied by hand from paper must read back unambiguously.
RECOVERY_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
RECOVERY_CODE_LENGTH = 10
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class Step(StrEnum):
    """What a signed-in session must do before it may go anywhere else."""

    VERIFY = "verify"  # enter a code from the authenticator app, or a recovery code
    ENROL = "enrol"  # set up an authenticator app (required, and none yet)


class Throttled(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


def must_use_two_factor(user):
    if not settings.SIGN_IN_TWO_FACTOR_REQUIRED or not user.is_active:
        return False
    return user.is_superuser or any(
        is_required(user) for is_required in hooks.get_hooks(REQUIRES_TWO_FACTOR_HOOK)
    )


def step_owed(user):
    """None when the session may go ahead; otherwise the Step it owes first."""
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user):
        return Step.VERIFY
    if must_use_two_factor(user):
        return Step.ENROL
    return None


def normalise_code(text):
    """Digits typed on a Thai keyboard count; spaces, dashes and capitals do not."""
    return "".join(char for char in text.translate(_THAI_DIGITS).lower() if char.isalnum())


def is_authenticator_code(code):
    return len(code) == 6 and code.isascii() and code.isdigit()


def verify_code(user, text):
    """The device that accepts this code, or None. Raises Throttled while the device rests
    after wrong codes (django-otp doubles the wait with each one: 1, 2, 4, 8... seconds)."""
    code = normalise_code(text)
    model = TOTPDevice if is_authenticator_code(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        _raise_if_throttled(device)
        if device.verify_token(code):
            return device
    return None


def _raise_if_throttled(device):
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details["locked_until"] - timezone.now()).total_seconds()
        raise Throttled(max(1, math.ceil(wait)))


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user):
    """The authenticator being set up: the same secret until it is confirmed, so a reload
    of the enrolment page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def confirm_authenticator(device, text):
    """Confirm the new authenticator with a code from it; it replaces any older one.
    Raises Throttled, as verify_code does."""
    code = normalise_code(text)
    _raise_if_throttled(device)
    if not is_authenticator_code(code) or not device.verify_token(code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
    return True


def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones, returned formatted for reading."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [
        "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_two_factor(user):
    """Forget every second factor of this user: authenticator apps and recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def secret_for_typing(device):
    """The authenticator's secret in groups of four, for apps set up without the camera."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The enrolment QR code as inline SVG: drawn here, nothing fetched from elsewhere."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="two-factor-qr"
    )
