from wagtail import hooks

from .concurrent_edits import tell_of_newer_versions

hooks.register("after_edit_page", tell_of_newer_versions)
