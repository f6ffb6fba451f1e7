"""The reader's search page: results, highlight, filters, pagination and unhappy paths."""

import pytest

from tests.search_site import site_for_module


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as built:
        yield built


@pytest.fixture
def stories(site, db):
    return site["stories"]


def get(client, query="", **params):
    return client.get("/th/search/", {"q": query, **params})


def text(response):
    """The page without the <mark> tags, to look for whole titles."""
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_results_show_title_type_network_date_and_marked_snippet(client, stories):
    response = get(client, "ผ้าไหม")
    html = response.content.decode()
    assert response.status_code == 200
    assert "กลุ่มแม่บ้านท่าสว่างสืบสานงานทอ" in html  # the title, whole
    assert "กลุ่มแม่บ้านทอ<mark>ผ้าไหม</mark>ลายโบราณ" in html
    assert "เครือข่ายวัฒนธรรมชุมชน" in html
    assert "<time datetime=" in html
    assert "ช่างเงิน" not in html


def test_a_story_is_found_by_its_tags(client, site, stories, settings):
    from demo import factories
    from tests.test_background_worker import DATABASE_QUEUE, run_queued_tasks

    # As in production: indexing is queued and a worker runs it once the publish has committed
    # (the tags are written after the page itself).
    settings.TASKS = DATABASE_QUEUE
    factories.published_story(
        site["index"],
        "local-wisdom",
        networks=[site["networks"]["culture"]],
        title="สีจากเปลือกไม้ของแม่บุญมี",
        summary="แม่บุญมีย้อมเส้นไหมด้วยเปลือกไม้และครั่ง",
        tags=["ผ้าทอมือ", "สีธรรมชาติ"],
    )
    run_queued_tasks()
    # Neither the title nor the summary holds the words; the story's tags do.
    assert "สีจากเปลือกไม้ของแม่บุญมี" in text(get(client, "ผ้าทอมือ"))
    assert "สีจากเปลือกไม้ของแม่บุญมี" in text(get(client, "สีธรรมชาติ"))
    assert "สีจากเปลือกไม้ของแม่บุญมี" not in text(get(client, "ข้าวหอมมะลิ"))


def test_highlight_uses_the_original_thai_digits(client, stories):
    html = get(client, "2569").content.decode()
    assert "<mark>๒๕๖๙</mark>" in html


def test_compound_is_marked_inside_the_longer_word(client, stories):
    html = get(client, "ท่องเที่ยว").content.decode()
    assert "นัก<mark>ท่องเที่ยว</mark>ต่างชาติ" in html


def test_tone_marks_keep_elephants_and_craftsmen_apart(client, stories):
    elephants = text(get(client, "ช้าง"))
    assert "งานช้างประจำปีคึกคัก" in elephants
    assert "ช่างเงินเขวาสินรินทร์" not in elephants
    craftsmen = text(get(client, "ช่าง"))
    assert "ช่างเงินเขวาสินรินทร์" in craftsmen
    assert "งานช้างประจำปีคึกคัก" not in craftsmen


def test_filter_by_type_and_network(client, stories):
    by_type = text(get(client, "ปี", type="culture"))
    assert "งานช้างประจำปีคึกคัก" in by_type
    assert "กลุ่มแม่บ้านท่าสว่าง" not in by_type
    by_network = text(get(client, "ข้าว", network="small-farmers"))
    assert "ข้าวหอมมะลิทุ่งกุลา" in by_network
    assert "กลุ่มแม่บ้านท่าสว่าง" not in by_network


def test_unknown_filter_values_explain_instead_of_failing(client, stories):
    response = get(client, "ผ้าไหม", type="podcast", network="no-such-network")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_english_page_searches_too(client, stories):
    response = client.get("/en/search/", {"q": "weaving"})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()


def test_empty_query_asks_for_words(client, stories):
    response = client.get("/en/search/", {"q": "   "})
    assert "Type a word or a few words" in response.content.decode()


def test_overlong_query_is_refused_with_a_message(client, stories):
    response = client.get("/en/search/", {"q": "ช้าง" * 51})
    assert response.status_code == 200
    assert "longer than 200 characters" in response.content.decode()


def test_no_match_offers_suggestions(client, stories):
    html = client.get("/en/search/", {"q": "เครือข่ายวัฒนธรรม ไดโนเสาร์"}).content.decode()
    assert "No story matches" in html
    assert "Community Culture Network" in html


def test_pagination_survives_bad_page_numbers(client, stories, site):
    from demo import factories

    network = site["networks"]["culture"]
    for number in range(12):
        factories.published_story(
            site["index"],
            networks=[network],
            title=f"ข่าวผ้าไหมฉบับที่ {number}",
            summary="ผ้าไหมสวยงาม",
        )
    first = get(client, "ผ้าไหม").content.decode()
    assert "Page 1 of 2" in first or "หน้า 1 จาก 2" in first or 'rel="next"' in first
    for page in ("2", "999", "-1", "abc"):
        assert get(client, "ผ้าไหม", page=page).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE wagtailcore_page; --", "ก" * 5000, '"', "'", "😀🐘", "ช้าง\x00", "<script>"],
)
def test_hostile_input_is_never_an_error(client, stories, query):
    # How long each takes is recorded by bench/hostile_bench.py, never asserted in a test.
    response = get(client, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


def test_header_has_a_search_box(client, stories):
    html = client.get("/th/").content.decode()
    assert 'role="search"' in html
    assert 'action="/th/search/"' in html


def test_a_search_too_slow_for_the_database_gets_a_message(client, stories, monkeypatch):
    from thai_search import views
    from thai_search.search import SearchTooSlow

    def too_slow(*args, **kwargs):
        raise SearchTooSlow

    monkeypatch.setattr(views, "search_stories", too_slow)
    response = client.get("/en/search/", {"q": "ชุมชน"})
    assert response.status_code == 200
    assert "too many stories to sort in time" in response.content.decode()


def test_postgresql_cancels_searches_over_the_time_limit(db):
    from django.db import connection

    from thai_search.search import SearchTooSlow, time_limited

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with pytest.raises(SearchTooSlow), time_limited(50), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.5)")


def test_a_search_inside_a_transaction_leaves_its_time_limit_behind(db):
    from django.db import connection, transaction

    from thai_search.search import time_limited

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '7s'")
        with time_limited(50):
            cursor.execute("SELECT 1")
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("7s",)
        cursor.execute("SELECT pg_sleep(0.1)")
