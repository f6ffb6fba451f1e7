"""Form widgets for Thai writing in the admin."""

import re

from wagtail.admin.widgets import AdminAutoHeightTextInput

LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


class WrappingTitleInput(AdminAutoHeightTextInput):
    """A title box that wraps and grows with the title (Wagtail's auto-height text box).

    Thai titles run long and have no spaces to break at; in a one-line box a reporter on a
    phone sees only the first few words. A title is still one line: line breaks typed into the
    box become spaces; everything else stays as typed.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str):
            value = LINE_BREAKS.sub(" ", value)
        return value
