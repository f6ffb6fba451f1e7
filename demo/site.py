"""Builds the association's demo site; every function is idempotent (run twice, change nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from editorial.setup import setup_roles
from home.models import ContactSettings
from networks.models import Network
from roles.models import EditorialGroup

from . import factories, stories
from . import site_content as text
from .pages import ensure_child

DEMO_ACCOUNTS = [
    # (username, first name, last name, editorial role or None for an administrator, network slug)
    ("admin", "ผู้ดูแล", "ระบบ", None, None),
    ("editor", "บรรณาธิการ", "บริหาร", EditorialGroup.Role.EDITOR_IN_CHIEF, None),
    ("editor_youth", "บรรณาธิการ", "เยาวชน", EditorialGroup.Role.NETWORK_EDITOR, "youth"),
    ("reporter_elderly", "นักข่าว", "ผู้สูงอายุ", EditorialGroup.Role.REPORTER, "elderly"),
    ("reporter_youth", "นักข่าว", "เยาวชน", EditorialGroup.Role.REPORTER, "youth"),
]


def _items(values):
    return [("item", value) for value in values]


def load_networks():
    for order, (slug, name_th, name_en, organisations, unit, members) in enumerate(text.NETWORKS):
        description_th, description_en = text.NETWORK_DESCRIPTIONS[slug]
        # Found by slug on a second run (the factory's get-or-create), so nothing changes.
        factories.NetworkFactory(
            slug=slug,
            name_th=name_th,
            name_en=name_en,
            description_th=description_th,
            description_en=description_en,
            organisation_count=organisations,
            organisation_unit=unit,
            member_count=members,
            colour=text.NETWORK_COLOURS[order],
            sort_order=order + 1,
        )


def _pages_for(locale, home_translation_of=None, about_translation_of=None, index_of=None):
    root = Page.get_first_root_node()
    english = locale.language_code == "en"
    home = ensure_child(
        root,
        factories.HomePageFactory,
        "home" if not english else "home-en",
        locale,
        translation_of=home_translation_of,
        title="Siang Chumchon" if english else "เสียงชุมชน",
        tagline=(
            "Community voice: news, local wisdom and culture from the member networks in Surin"
            if english
            else "ข่าว ภูมิปัญญาท้องถิ่น และเรื่องเล่าวัฒนธรรม จากเครือข่ายองค์กรชุมชนจังหวัดสุรินทร์"
        ),
        intro=(
            "<p>The Community Organization Network Development Association links 10 member "
            "networks of Surin province and publishes alternative people's media.</p>"
            if english
            else "<p>สมาคมพัฒนาเครือข่ายองค์กรชุมชน เชื่อมร้อยเครือข่ายองค์กรสมาชิก ๑๐ เครือข่าย"
            "ในจังหวัดสุรินทร์ และผลิตสื่อทางเลือกภาคประชาชน</p>"
        ),
    )
    suffix = "EN" if english else "TH"
    about = ensure_child(
        home,
        factories.AboutPageFactory,
        "about" if english else "เกี่ยวกับเรา",
        locale,
        translation_of=about_translation_of,
        title="About us" if english else "เกี่ยวกับเรา",
        show_in_menus=True,
        history="".join(f"<p>{p}</p>" for p in getattr(text, f"HISTORY_{suffix}")),
        vision=getattr(text, f"VISION_{suffix}"),
        philosophy=getattr(text, f"PHILOSOPHY_{suffix}"),
        objectives=_items(getattr(text, f"OBJECTIVES_{suffix}")),
        missions=_items(getattr(text, f"MISSIONS_{suffix}")),
        policies=_items(getattr(text, f"POLICIES_{suffix}")),
        structure=f"<p>{getattr(text, f'STRUCTURE_{suffix}')}</p>",
        board_size=16,
    )
    networks = ensure_child(
        home,
        factories.NetworkIndexPageFactory,
        "networks" if english else "เครือข่าย",
        locale,
        translation_of=index_of,
        title="Member networks" if english else "เครือข่ายสมาชิก",
        show_in_menus=True,
        intro=(
            "The association's ten member networks and their figures."
            if english
            else "เครือข่ายองค์กรสมาชิกทั้ง ๑๐ เครือข่ายของสมาคม"
        ),
    )
    return home, about, networks


def load_site():
    thai, english = factories.locale("th"), factories.locale("en")
    # Wagtail's first migration leaves a "Welcome to your new Wagtail site!" page behind.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    home_th, about_th, networks_th = _pages_for(thai)
    _pages_for(
        english,
        home_translation_of=home_th,
        about_translation_of=about_th,
        index_of=networks_th,
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home_th
    site.site_name = "เสียงชุมชน"
    site.save()

    contact = ContactSettings.load()
    if not contact.address_th:
        contact.address_th = "สมาคมพัฒนาเครือข่ายองค์กรชุมชน\nอำเภอเมืองสุรินทร์ จังหวัดสุรินทร์"
        contact.address_en = (
            "Community Organization Network Development Association\nMueang Surin, Surin, Thailand"
        )
        contact.save()


class NoDemoPassword(ImproperlyConfigured):
    pass


def demo_password():
    """The demo accounts' password; a server must choose its own (the README prints the local
    default, so an administrator with it would be anyone's)."""
    if not settings.DEMO_PASSWORD:
        raise NoDemoPassword(
            "load_demo creates an administrator account, and DEMO_PASSWORD is not set. "
            "Set the DEMO_PASSWORD environment variable to a password of your own to load "
            "the demo here (cms.settings.dev, with DEBUG on, has a local default)."
        )
    return settings.DEMO_PASSWORD


def load_accounts():
    User = get_user_model()
    for username, first_name, last_name, role, network_slug in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = factories.UserFactory(
                username=username,
                first_name=first_name,
                last_name=last_name,
                is_staff=role is None,
                is_superuser=role is None,
            )
            user.set_password(demo_password())
            user.save()
            # Reporters and editors work in Thai; each can switch in their account settings.
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "th"
            profile.save()
        if role:
            link = EditorialGroup.objects.get(
                role=role, network=Network.objects.filter(slug=network_slug).first()
            )
            user.groups.set([link.group])


@transaction.atomic
def load_all():
    demo_password()  # refuse before anything is created

    load_networks()
    load_site()
    setup_roles()
    load_accounts()
    stories.load()
    # Again, now that the stories sections exist: their permissions and review workflow.
    setup_roles()
