"""A reporter's own profile: their name, the pen name readers see, a photo and a short bio.

Nothing else is theirs to change: the profile's web address (slug), network and account are
kept by the editors, and the form has no such fields, so a hand-made request cannot change them.
A reporter without a profile yet gets one on the first save, linked to their account and
network; opening the screen creates nothing.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from roles.access import roles_for

from .models import ReporterProfile
from .viewsets import PhotoChooser

URL_NAME = "news_my_profile"
NAME_MAX_LENGTH = get_user_model()._meta.get_field("first_name").max_length


def profile_to_edit(user):
    """The user's own profile; a new, unsaved one for a reporter who has none; else None."""
    profile = ReporterProfile.objects.filter(user=user).select_related("photo").first()
    if profile is not None:
        return profile
    roles = roles_for(user)
    if not roles.reporter_networks:
        return None
    return ReporterProfile(
        user=user,
        network_id=min(roles.reporter_networks),
        display_name=user.get_full_name() or user.get_username(),
    )


def may_edit_own_profile(user):
    return bool(roles_for(user).reporter_networks) or (
        ReporterProfile.objects.filter(user=user).exists()
    )


class OwnProfileForm(forms.ModelForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Your own name. Editors see it; readers see your pen name."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH, required=False)

    class Meta:
        model = ReporterProfile
        fields = ["display_name", "photo", "bio"]
        labels = {"display_name": _("Pen name")}
        help_texts = {
            "display_name": _(
                "The name readers see under your stories: your own name or a pen name."
            ),
            "photo": _("A photo of you, shown on your page of stories. You may leave it empty."),
            "bio": _("A few lines about you, at most 1,000 characters."),
        }
        widgets = {"photo": PhotoChooser, "bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        # Only photos the reporter may choose in the media library (and the one already set).
        choosable = policy_registry.get_by_type(
            get_image_model()
        ).instances_user_has_any_permission_for(user, ["choose"])
        self.fields["photo"].queryset = get_image_model().objects.filter(
            Q(pk__in=choosable.values("pk")) | Q(pk=self.instance.photo_id)
        )
        self.fields["photo"].error_messages["invalid_choice"] = _(
            "Choose a photo from the media library of your network."
        )

    @transaction.atomic
    def save(self, commit=True):
        self.user.first_name = self.cleaned_data["first_name"]
        self.user.last_name = self.cleaned_data["last_name"]
        self.user.save(update_fields=["first_name", "last_name"])
        return super().save(commit=commit)


class MyProfileView(WagtailAdminTemplateMixin, FormView):
    template_name = "news/my_reporter_profile.html"
    page_title = _("My reporter profile")
    header_icon = "user"
    form_class = OwnProfileForm

    def dispatch(self, request, *args, **kwargs):
        self.profile = profile_to_edit(request.user)
        if self.profile is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.profile, "user": self.request.user}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your profile is saved."))
        return redirect(URL_NAME)

    def form_invalid(self, form):
        messages.error(
            self.request, _("Your profile was not saved: please correct the fields marked below.")
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse(URL_NAME),
            submit_button_label=_("Save my profile"),
            submit_button_active_label=_("Saving…"),
            media=context["form"].media,
            profile=self.profile,
        )
        return context
