"""What counts as an email address a reader may follow with.

The one check every door passes through (the follow form, the manage form): an address that
could inject a header (a line break), is longer than an address can be (254 characters),
hides characters a reader cannot see (zero-width, direction marks) or disguises itself with
look-alike letters in the part before the @ is refused with a clear message. A domain written
in Thai or another script is accepted and kept in its ASCII form (IDNA), as mail servers want it.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 254

INVALID = _("Please enter a valid email address, such as name@example.com.")


def clean_address(raw):
    """The address in the form the site keeps (domain lowercased, in ASCII), or ValidationError."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Please enter your email address."), code="required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("An email address is at most %(max)d characters long.") % {"max": MAX_LENGTH},
            code="too_long",
        )
    if any(unicodedata.category(char)[0] in ("C", "Z") and char != " " for char in text) or (
        " " in text
    ):
        # Line breaks (header injection), tabs, zero-width and direction marks, odd spaces.
        raise ValidationError(INVALID, code="invalid")
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or not local.isascii():
        raise ValidationError(INVALID, code="invalid")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValidationError(INVALID, code="invalid") from None
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise ValidationError(INVALID, code="invalid")
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(INVALID, code="invalid") from None
    return address
