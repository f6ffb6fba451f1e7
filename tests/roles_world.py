"""A small newsroom for the role tests: two networks, their people, a stories section and
stories in every state that matters to permissions."""

from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from demo import factories
from editorial.models import NetworkCollection
from editorial.setup import SHARED_COLLECTION, add_to_role, setup_roles
from news.models import StoryByline
from roles.models import EditorialGroup

Role = EditorialGroup.Role


def user(username, role=None, network=None, superuser=False):
    account = factories.UserFactory(
        username=username, is_superuser=superuser, is_staff=superuser, first_name=username
    )
    if role:
        add_to_role(account, role, network)
    return account


def story(parent, owner, networks, title, live=False, factory=factories.NewsPageFactory):
    page = factory(parent=parent, owner=owner, networks=networks, title=title, live=False)
    page.save_revision(user=owner)
    if live:
        page.save_revision(user=owner).publish()
    else:
        page.live = False
        page.has_unpublished_changes = True
        page.first_published_at = None
        page.save()
        # a second draft revision, so there is something to compare and revert to
        page.title = title
        page.save_revision(user=owner)
    return page


def build():
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    home = factories.HomePageFactory(parent=root, slug="home", locale=factories.locale("th"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    youth = factories.NetworkFactory(slug="youth", name_en="Youth", name_th="เยาวชน")
    elderly = factories.NetworkFactory(slug="elderly", name_en="Elderly", name_th="ผู้สูงอายุ")
    # Wagtail's default groups carry tree-wide page permissions; nobody here is in them.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    section = factories.StoryIndexPageFactory(parent=home, slug="เรื่องราว")
    setup_roles()

    people = SimpleNamespace(
        reporter=user("reporter_youth", Role.REPORTER, youth),
        colleague=user("reporter_youth_2", Role.REPORTER, youth),
        outsider=user("reporter_elderly", Role.REPORTER, elderly),
        editor=user("editor_youth", Role.NETWORK_EDITOR, youth),
        other_editor=user("editor_elderly", Role.NETWORK_EDITOR, elderly),
        chief=user("editor", Role.EDITOR_IN_CHIEF),
        admin=user("admin", superuser=True),
    )
    stories = SimpleNamespace(
        own=story(section, people.reporter, [youth], "ข่าวของฉัน own draft"),
        coreported=story(section, people.colleague, [youth], "ข่าวร่วม coreported draft"),
        same=story(section, people.colleague, [youth], "ข่าวเพื่อน same-network draft"),
        other=story(section, people.outsider, [elderly], "ข่าวอื่น other-network draft"),
        shared=story(section, people.outsider, [youth, elderly], "ข่าวสองเครือข่าย shared"),
        live_own=story(section, people.reporter, [youth], "ข่าวเผยแพร่ live own", live=True),
        live_other=story(section, people.outsider, [elderly], "ข่าวผู้สูงอายุ live other", live=True),
    )
    stories.in_review = story(section, people.reporter, [youth], "ข่าวรอตรวจ in review")
    stories.in_review_other = story(section, people.outsider, [elderly], "ข่าวรอตรวจ other review")
    workflow = section.get_workflow()
    workflow.start(stories.in_review, people.reporter)
    workflow.start(stories.in_review_other, people.outsider)
    profile = factories.ReporterProfileFactory(user=people.reporter, network=youth)
    StoryByline.objects.create(story=stories.coreported, reporter=profile)
    collections = SimpleNamespace(
        youth=NetworkCollection.objects.get(network=youth).collection,
        elderly=NetworkCollection.objects.get(network=elderly).collection,
        shared=Collection.objects.get(name=SHARED_COLLECTION),
    )
    return SimpleNamespace(
        youth=youth,
        elderly=elderly,
        section=section,
        people=people,
        stories=stories,
        collections=collections,
    )


def story_form_data(page, **overrides):
    """The story edit form as a browser posts it, unchanged unless overridden."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "tags": "",
        "district": "",
        "body": streamfield([]),
        "bylines": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    networks = overrides.pop("networks", [network.pk for network in page.networks.all()])
    data.update(overrides)
    form_data = nested_form_data(data)
    form_data["networks"] = networks
    return form_data


def reporter_adds_story(client, world, title, summary, action="action-submit", **extra):
    """The youth reporter's new-story form, posted with ``action`` (submit, save draft...);
    returns the story it created."""
    client.force_login(world.people.reporter)
    data = {
        "title": title,
        "slug": "",
        "summary": summary,
        "tags": "",
        "district": "",
        "body": streamfield([]),
        "bylines": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
        action: action,
        **extra,
    }
    form_data = nested_form_data(data)
    form_data["networks"] = [world.youth.pk]
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", world.section.pk])
    response = client.post(url, form_data)
    assert response.status_code == 302, response.context["form"].errors
    return Page.objects.get(title=title).specific


def module_newsroom(django_db_setup, django_db_blocker):
    """Body of a module-scoped fixture: the newsroom is built once inside a transaction that is
    rolled back at the end; each test runs in a savepoint of it, so tests never see each
    other's changes."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
