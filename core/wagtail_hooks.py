from wagtail import hooks

from .concurrent_edits import note_the_edit, tell_of_newer_versions

hooks.register("before_edit_page", note_the_edit)
hooks.register("after_edit_page", tell_of_newer_versions)
