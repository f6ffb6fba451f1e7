"""Creates the editorial roles; safe to run again (it only adds what is missing)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from networks.models import Network
from news.models import StoryIndexPage
from roles.models import EditorialGroup

from .models import NetworkCollection, NetworkReviewTask

CHIEF_GROUP = "Editors-in-chief"
# Data that reporters see as it is in the admin, so named in Thai.
SHARED_COLLECTION = "ใช้ร่วมกัน"  # Shared
WORKFLOW_NAME = "ตรวจโดยบรรณาธิการเครือข่าย"  # Network review
TASK_NAME = "บรรณาธิการเครือข่ายตรวจ"  # Network editor review

IMAGE, DOCUMENT = ("wagtailimages", "image"), ("wagtaildocs", "document")
REPORTER_MEDIA = {"own": ("add", "choose"), "shared": ("choose",)}
EDITOR_MEDIA = {"own": ("add", "change", "choose"), "shared": ("add", "choose")}
CHIEF_MEDIA = ("add", "change", "delete", "choose")
CHIEF_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
# Topics and reporter profiles (news.viewsets): a network editor's reach over profiles is
# narrowed to their own networks by news.profile_permissions.
VOCABULARY_PERMISSIONS = [
    ("news", "add_topic"),
    ("news", "change_topic"),
    ("news", "delete_topic"),
    ("news", "add_reporterprofile"),
    ("news", "change_reporterprofile"),
    ("news", "delete_reporterprofile"),
]
CHIEF_MODEL_PERMISSIONS = [
    ("networks", "add_network"),
    ("networks", "change_network"),
    ("networks", "delete_network"),
    *VOCABULARY_PERMISSIONS,
    ("editorial", "generate_image_urls"),
]


def reporter_group_name(network):
    return f"Reporters: {network.slug}"


def editor_group_name(network):
    return f"Editors: {network.slug}"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _editorial_group(name, role, network=None):
    link = EditorialGroup.objects.filter(role=role, network=network).select_related("group").first()
    if link is not None:
        return link.group
    group, _ = Group.objects.get_or_create(name=name)
    EditorialGroup.objects.create(group=group, role=role, network=network)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    return group


def _grant_media(group, collection, actions):
    for app_label, model in (IMAGE, DOCUMENT):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(app_label, f"{action}_{model}"),
            )


def _grant_page(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", f"{action}_page")
        )


def _collection_for(network, root):
    link = NetworkCollection.objects.filter(network=network).select_related("collection").first()
    if link is not None:
        return link.collection
    collection = root.add_child(name=network.name_th)
    NetworkCollection.objects.create(network=network, collection=collection)
    return collection


def _shared_collection(root):
    existing = root.get_children().filter(name=SHARED_COLLECTION).first()
    return existing or root.add_child(name=SHARED_COLLECTION)


def review_workflow():
    task = NetworkReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = NetworkReviewTask.objects.create(name=TASK_NAME)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def grant_stories_section(page):
    """Lets every reporter and network editor start stories in this section, under review."""
    for link in EditorialGroup.objects.exclude(role=EditorialGroup.Role.EDITOR_IN_CHIEF):
        _grant_page(link.group, page, ("add",))
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": review_workflow()})


@transaction.atomic
def setup_roles():
    root_collection = Collection.get_first_root_node()
    shared = _shared_collection(root_collection)

    chief = _editorial_group(CHIEF_GROUP, EditorialGroup.Role.EDITOR_IN_CHIEF)
    _grant_page(chief, Page.get_first_root_node(), CHIEF_PAGE_ACTIONS)
    _grant_media(chief, root_collection, CHIEF_MEDIA)
    chief.permissions.add(*(_permission(*pair) for pair in CHIEF_MODEL_PERMISSIONS))

    for network in Network.objects.all():
        collection = _collection_for(network, root_collection)
        reporters = _editorial_group(
            reporter_group_name(network), EditorialGroup.Role.REPORTER, network
        )
        editors = _editorial_group(
            editor_group_name(network), EditorialGroup.Role.NETWORK_EDITOR, network
        )
        _grant_media(reporters, collection, REPORTER_MEDIA["own"])
        _grant_media(reporters, shared, REPORTER_MEDIA["shared"])
        _grant_media(editors, collection, EDITOR_MEDIA["own"])
        _grant_media(editors, shared, EDITOR_MEDIA["shared"])
        editors.permissions.add(*(_permission(*pair) for pair in VOCABULARY_PERMISSIONS))

    sections = list(StoryIndexPage.objects.all())
    for section in sections:
        grant_stories_section(section)
    return {"networks": Network.objects.count(), "stories_sections": len(sections)}


def add_to_role(user, role, network=None):
    """Puts a user in a role's group (used by the demo and tests)."""
    link = EditorialGroup.objects.get(role=role, network=network)
    user.groups.add(link.group)
    if hasattr(user, "_editorial_roles"):
        del user._editorial_roles
