from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import ChiefsOnlyPolicy, FollowingViewSetGroup
from .models import ConsentRecord, Subscriber

# Registered before the viewsets, which would otherwise create Wagtail's model-wide policy.
register_permission_policy(Subscriber, ChiefsOnlyPolicy(Subscriber))
register_permission_policy(ConsentRecord, ChiefsOnlyPolicy(ConsentRecord, actions={"view"}))
register_snippet(FollowingViewSetGroup)
