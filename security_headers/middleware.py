"""One Content-Security-Policy for readers, another for the admin, chosen by path.

django-csp's own middleware sends CONTENT_SECURITY_POLICY (the strict public policy) on every
response. Under SECURITY_HEADERS_ADMIN_PATHS it sends SECURITY_HEADERS_ADMIN_POLICY instead,
because Wagtail 8's admin still writes inline scripts. A path rule rather than django-csp's view
decorators: Wagtail's admin is hundreds of views we do not write, and a path also covers its
404s, our two-step sign-in pages and whatever Wagtail adds under /admin/ later.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path):
    return path.startswith(tuple(settings.SECURITY_HEADERS_ADMIN_PATHS))


class PolicyByPathMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.SECURITY_HEADERS_ADMIN_POLICY["DIRECTIVES"])
        return parts
