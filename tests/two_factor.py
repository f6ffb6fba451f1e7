"""Two-step sign-in for tests: an authenticator device, its current code, and a session that
has passed both steps (for tests that need an editor signed in while the requirement is on)."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sign_in.two_factor import AUTHENTICATOR_NAME


def authenticator_for(user):
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def current_code(device, steps_ahead=0):
    """The code the user's phone shows now (or that many 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_with_second_factor(client, user):
    """force_login, then mark the session as having passed the code step, as
    django_otp.login does after a right code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or authenticator_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
