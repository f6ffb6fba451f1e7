"""Small adjustments so the Wagtail admin speaks Thai to reporters (docs/thai-admin.md).

The translations themselves live in admin_locale/, outside any Python package, so that
``makemessages`` never rewrites them.
"""
