"""Which stories a user may review."""

from .roles import roles_for


def stories_user_reviews(user):
    """Stories whose review the user may decide, or None when they may review every story."""
    from news.models import StoryPage

    roles = roles_for(user)
    if roles.sees_everything:
        return None
    return StoryPage.objects.filter(networks__in=roles.editor_networks).distinct()
