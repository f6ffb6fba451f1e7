from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, SettingsTab
from wagtail.admin.widgets.button import Button

from . import two_factor, views
from .forms import NoFieldsForm


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="sign_in_manage"),
        path("two-factor/verify/", views.verify, name="sign_in_verify"),
        path("two-factor/setup/", views.setup, name="sign_in_setup"),
        path("two-factor/recovery-codes/", views.recovery_codes, name="sign_in_recovery_codes"),
        path(
            "two-factor/recovery-codes/download/",
            views.download_recovery_codes,
            name="sign_in_recovery_codes_download",
        ),
        path(
            "two-factor/reset/<int:user_id>/",
            views.reset_for_user,
            name="sign_in_reset_for_user",
        ),
    ]


sign_in_tab = SettingsTab("sign-in", _("Two-step sign-in"), order=300)


@hooks.register("register_account_settings_panel")
class TwoFactorPanel(BaseSettingsPanel):
    name = "two_factor"
    title = _("Two-step sign-in")
    tab = sign_in_tab
    order = 100
    form_class = NoFieldsForm
    template_name = "sign_in/account_panel.html"

    def get_form(self):
        return NoFieldsForm(prefix=self.name)

    def get_context_data(self):
        return {
            "authenticator": two_factor.authenticator(self.user),
            "codes_left": two_factor.recovery_codes_left(self.user),
            "required": two_factor.must_use_two_factor(self.user),
        }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if not request_user.is_superuser:
        return []
    return [
        Button(
            _("Reset two-step sign-in"),
            url=reverse("sign_in_reset_for_user", args=[user.pk]),
            icon_name="key",
            priority=50,
        )
    ]


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "sign_in.two_factor_reset",
        _("Reset two-step sign-in"),
        _("Two-step sign-in reset by an administrator"),
    )
    actions.register_action(
        "sign_in.two_factor_removed",
        _("Remove two-step sign-in"),
        _("Two-step sign-in removed by its owner"),
    )
