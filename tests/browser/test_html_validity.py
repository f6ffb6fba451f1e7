"""The Nu HTML checker on every kind of reader page, in Thai and English: no errors."""

from tests.browser import world
from tests.browser.checkers import vnu_errors
from tests.browser.conftest import LAPTOP


def test_reader_pages_are_valid_html(reader_site, open_page, tmp_path):
    page = open_page(LAPTOP)
    html_by_name = {}
    for language, (section, story) in reader_site.items():
        for name, address in world.reader_pages(page, language, section, story):
            if name == "login":
                continue  # Wagtail's own template
            response = page.request.get(address)
            assert response.ok, f"{address}: {response.status}"
            html_by_name[f"{name} ({language}) {address}"] = response.text()

    errors = vnu_errors(html_by_name, tmp_path)
    assert errors == [], "\n".join(errors)
