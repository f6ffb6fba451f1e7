"""Who a story is by: a reporter's own byline on their new story, and whom a user may credit.

* A story saved for the first time carries its owner's reporter profile as its byline, unless
  the bylines already name someone (``StoryPage.save``); so a reporter's story never goes live
  without their name, whichever door created it.
* A reporter (someone in a ``Reporters: <network>`` group) who has no profile yet gets one when
  they first save a story, named as their account is (an editor-in-chief can change it).
* The reporter chooser offers the reporters of the user's own networks (editors-in-chief and
  administrators: everyone), plus whoever is already credited; the form refuses anyone else,
  so a hand-made request cannot credit another network's reporter either.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from roles.access import roles_for

from .reporters import ReporterProfile


def reporter_profile_of(user):
    if user is None or not user.is_authenticated:
        return None
    return ReporterProfile.objects.filter(user=user).first()


def ensure_reporter_profile(user):
    """The reporter's profile, made on their first story if they have none; None for others."""
    profile = reporter_profile_of(user)
    roles = roles_for(user) if user is not None else None
    if profile is not None or roles is None or not roles.reporter_networks:
        return profile
    return ReporterProfile.objects.create(
        user=user,
        display_name=user.get_full_name() or user.get_username(),
        network_id=min(roles.reporter_networks),
    )


def reporters_offered_to(user, keep=()):
    profiles = ReporterProfile.objects.all()
    roles = roles_for(user)
    if roles.sees_everything:
        return profiles
    return profiles.filter(
        Q(network__in=roles.networks) | Q(user=user) | Q(pk__in=[pk for pk in keep if pk])
    )


class BylineForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("reporter")
        if field is None or self.for_user is None:
            return
        field.queryset = reporters_offered_to(self.for_user, keep=[self.instance.reporter_id])
        field.error_messages["invalid_choice"] = _("Choose a reporter of your own member network.")


class BylinesPanel(InlinePanel):
    """The story's reporters, each row's chooser limited by ``BylineForm``."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset.setdefault("form", BylineForm)
        formset["inherit_kwargs"] = ["for_user"]
        return options


class OwnBylineFormMixin:
    """The story form: a new story shows its reporter's byline already filled in."""

    def __init__(self, *args, **kwargs):
        story = kwargs.get("instance")
        user = kwargs.get("for_user")
        if story is not None and story.pk is None and not story.bylines.all():
            profile = reporter_profile_of(user)
            if profile is not None:
                story.bylines.add(story.bylines.model(reporter=profile))
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        if self.instance.pk is None:
            ensure_reporter_profile(self.for_user)
        return super().save(commit=commit)
