from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class ThaiLoginForm(LoginForm):
    """Wagtail's login form leaves the password label to Django's field-name default
    ("Password"), which no translation reaches; give it a translatable one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
