"""Following by email: a reader follows, confirms, gets digests and leaves in one click."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation

from demo import factories
from following import limits
from following.digests import send_digests
from following.forms import CONSENT_TEXT
from following.mail import absolute
from following.models import ConsentRecord, DigestSend, Subscriber
from following.tokens import confirm_token, manage_token

LINK = re.compile(r"https?://\S+/(?:th|en)/follow/[a-z-]+/[^/\s]+/")


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(story_index):
    media = factories.NetworkFactory(slug="media", name_th="เครือข่ายสื่อ", name_en="Media")
    youth = factories.NetworkFactory(slug="youth", name_th="เครือข่ายเยาวชน", name_en="Youth")
    return {"media": media, "youth": youth, **story_index}


def follow_data(email="reader@example.org", **overrides):
    data = {
        "email": email,
        "networks": ["media"],
        "frequency": "daily",
        "language": "th",
        "consent": "on",
        "source": "/th/",
    }
    data.update(overrides)
    return data


def links_in(message):
    return LINK.findall(message.body)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def publish(index, network, title, days_ago=None, **fields):
    return factories.published_story(
        index, networks=[network], title=title, days_ago=days_ago, **fields
    )


def confirmed_follower(world, email="reader@example.org", language="th", **data):
    subscriber = Subscriber.objects.create(
        email=email,
        language=language,
        frequency=data.pop("frequency", "daily"),
        confirmed_at=timezone.now() - timedelta(days=2),
        **data,
    )
    subscriber.networks.set([world["media"]])
    return subscriber


@pytest.mark.django_db
def test_the_whole_journey_follow_confirm_digest_one_click_unsubscribe(client, world):
    page = client.get("/th/follow/?network=media&from=/th/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert 'value="media" checked' in page.content.decode() or re.search(
        r'value="media"[^>]*checked', page.content.decode()
    )

    answer = client.post("/th/follow/", follow_data())
    assert answer.status_code == 302 and answer["Location"] == "/th/follow/check-your-email/"
    check = client.get(answer["Location"])
    assert check.status_code == 200 and 'href="/th/"' in check.content.decode()

    # Double opt-in: one email, the confirmation, and nothing else until it is used.
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["reader@example.org"]
    confirm_url = next(url for url in links_in(confirmation) if "/confirm/" in url)
    assert "List-Unsubscribe" in confirmation.extra_headers
    publish(world["th"], world["media"], "ข่าวก่อนยืนยัน")
    assert send_digests("daily") == {"queued": 0, "nothing_new": 0}
    assert len(mail.outbox) == 1

    confirm_page = client.get(path_of(confirm_url))
    assert confirm_page.status_code == 200
    assert "no-store" in confirm_page["Cache-Control"]
    confirmed = client.post(path_of(confirm_url))
    assert confirmed.status_code == 302 and "/th/follow/manage/" in confirmed["Location"]
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is not None

    story = publish(
        world["th"],
        world["media"],
        "ชาวบ้านทอผ้าไหม",
        summary="ลายผ้าโบราณกลับมา",
        hero_image=factories.ImageFactory(),
    )
    publish(world["th"], world["youth"], "ข่าวเยาวชนที่ไม่ได้ติดตาม")
    publish(world["en"], world["media"], "An English story in the same network")
    mail.outbox.clear()
    assert send_digests("daily")["queued"] == 1

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["reader@example.org"]
    assert "ชาวบ้านทอผ้าไหม" in digest.body and "ลายผ้าโบราณกลับมา" in digest.body
    assert "ข่าวเยาวชน" not in digest.body and "English story" not in digest.body
    assert "ข่าวก่อนยืนยัน" not in digest.body  # published before the reader confirmed
    html, mimetype = digest.alternatives[0]
    assert absolute(story.url) in digest.body and absolute(story.url) in html
    assert mimetype == "text/html" and "ชาวบ้านทอผ้าไหม" in html and '<html lang="th">' in html
    # The small copy made at upload, an ordinary absolute URL: no pixel, no redirect.
    image = re.search(r'<img src="([^"]+)"', html).group(1)
    assert image.startswith("http") and "width-480" in image.replace(".", "-")
    assert "?" not in image
    assert "1" in digest.subject
    unsubscribe_url = path_of(next(url for url in links_in(digest) if "/unsubscribe/" in url))
    headers = digest.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{unsubscribe_url}>" in headers["List-Unsubscribe"]
    assert "<mailto:" in headers["List-Unsubscribe"]

    # A second run the same day sends nothing.
    mail.outbox.clear()
    assert send_digests("daily")["queued"] == 0
    assert mail.outbox == []

    # One click: a POST with no cookie and no CSRF token, as a mail program sends it.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe_url, {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    assert not Subscriber.objects.exists()
    publish(world["th"], world["media"], "ข่าวหลังเลิกติดตาม")
    assert send_digests("daily")["queued"] == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_english_follower_gets_english_stories_and_text(client, world):
    client.post("/en/follow/", follow_data(email="en@example.org", language="en"))
    confirmation = mail.outbox[0]
    assert "confirm" in confirmation.subject.lower()
    assert "/en/follow/confirm/" in confirmation.body
    client.post(path_of(links_in(confirmation)[0]))
    publish(world["en"], world["media"], "Silk weavers bring back old patterns")
    publish(world["th"], world["media"], "ข่าวภาษาไทย")
    mail.outbox.clear()
    send_digests("daily")
    (digest,) = mail.outbox
    assert "Silk weavers" in digest.body and "ข่าวภาษาไทย" not in digest.body
    assert "new story" in digest.subject


@pytest.mark.django_db
def test_nothing_new_nothing_sent_and_weekly_followers_wait_for_their_run(world):
    confirmed_follower(world)
    weekly = confirmed_follower(world, email="weekly@example.org", frequency="weekly")
    publish(world["th"], world["youth"], "ข่าวเครือข่ายอื่น")
    assert send_digests("daily") == {"queued": 0, "nothing_new": 1}
    assert mail.outbox == []
    publish(world["th"], world["media"], "ข่าวใหม่ของสื่อ")
    assert send_digests("daily")["queued"] == 1
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert send_digests("weekly")["queued"] == 1
    assert mail.outbox[-1].to == [weekly.email]


@pytest.mark.django_db
def test_districts_topics_and_reporters_are_followed(world):
    topic = factories.TopicFactory(slug="agriculture")
    reporter = factories.ReporterProfileFactory(slug="somchai")
    follower = confirmed_follower(world, districts=["tha-tum"])
    follower.networks.clear()
    follower.topics.set([topic])
    follower.reporters.set([reporter])
    publish(world["th"], world["youth"], "ข่าวท่าตูม", district="tha-tum")
    publish(world["th"], world["youth"], "ข่าวของสมชาย", reporters=[reporter])
    tagged = publish(world["th"], world["youth"], "ข่าวเกษตร")
    tagged.topics.set([topic])
    tagged.save_revision().publish()
    publish(world["th"], world["youth"], "ข่าวที่ไม่เกี่ยว")
    send_digests("daily")
    (digest,) = mail.outbox
    for title in ("ข่าวท่าตูม", "ข่าวของสมชาย", "ข่าวเกษตร"):
        assert title in digest.body
    assert "ข่าวที่ไม่เกี่ยว" not in digest.body


@pytest.mark.django_db
def test_digests_go_through_the_queue_once_even_after_a_crash(world, settings, monkeypatch):
    from background.mail import QUEUED_EMAIL_BACKEND
    from following import digests
    from tests.test_background_worker import DATABASE_QUEUE, run_queued_tasks

    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    confirmed_follower(world)
    confirmed_follower(world, email="second@example.org")
    publish(world["th"], world["media"], "ข่าวใหม่")

    # The run dies after queueing the first follower's email, before its transaction commits.
    real_create = DigestSend.objects.create
    calls = []

    def crash_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise KeyboardInterrupt("the server went down")
        return real_create(**kwargs)

    monkeypatch.setattr(DigestSend.objects, "create", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        digests.send_digests("daily")
    monkeypatch.undo()
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND

    # Run again, and again: each follower's digest is queued exactly once.
    assert digests.send_digests("daily")["queued"] == 1
    assert digests.send_digests("daily")["queued"] == 0
    run_queued_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["reader@example.org", "second@example.org"]
    assert DigestSend.objects.count() == 2


@pytest.mark.django_db
def test_two_runs_reading_the_same_follower_send_one_digest(world):
    from following import digests

    follower = confirmed_follower(world)
    publish(world["th"], world["media"], "ข่าวใหม่")
    stale = Subscriber.objects.get(pk=follower.pk)  # what a second run read before the first sent
    until = timezone.now()
    assert digests._queue_one(follower, _stories(until), until)
    assert not digests._queue_one(stale, _stories(until), until + timedelta(seconds=1))
    assert len(mail.outbox) == 1


def _stories(until):
    from following.digests import candidate_stories

    return candidate_stories(until - timedelta(days=3), until)["th"]


@pytest.mark.django_db
def test_forged_altered_and_expired_links_change_nothing(client, world):
    follower = confirmed_follower(world)
    pending = Subscriber.objects.create(email="pending@example.org")
    good = manage_token(follower)
    forged = [
        "1.abc:forged",
        good[:-2] + ("xx" if not good.endswith("xx") else "yy"),
        manage_token(pending).replace(str(pending.pk), str(follower.pk), 1),
        "x" * 5000,
        "%00",
        confirm_token(follower),  # a confirmation token is not a manage token
    ]
    for token in forged:
        for url in (f"/th/follow/manage/{token}/", f"/th/follow/unsubscribe/{token}/"):
            assert client.get(url).status_code == 400
            response = client.post(url, {"networks": ["youth"], "frequency": "daily"})
            assert response.status_code == 400
            assert 'href="/th/follow/"' in response.content.decode()
    for token in [*forged[:-1], manage_token(pending)]:  # a manage token does not confirm
        assert client.post(f"/th/follow/confirm/{token}/").status_code == 400
    assert Subscriber.objects.count() == 2
    assert Subscriber.objects.get(pk=pending.pk).confirmed_at is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_expired_confirmation_link_is_refused(client, world, monkeypatch):
    client.post("/th/follow/", follow_data())
    url = path_of(links_in(mail.outbox[0])[0])
    import time

    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(url)
    assert response.status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


HOSTILE_ADDRESSES = [
    "reader@example.org\r\nBcc: victim@example.org",
    "reader@example.org\nSubject: spam",
    "reader@example.org%0d%0aBcc:x@example.org",
    "a" * 250 + "@example.org",
    "reader\u200b@example.org",
    "reader\u202e@example.org",
    "rеader@example.org",  # a Cyrillic е
    "reader＠example.org",
    "not-an-address",
    "<script>@example.org",
    "",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_hostile_addresses_get_a_clear_message_and_nothing_is_stored_or_sent(
    client, world, address
):
    response = client.post("/th/follow/", follow_data(email=address))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_thai_domain_is_kept_in_ascii(client, world):
    client.post("/th/follow/", follow_data(email="reader@ตัวอย่าง.ไทย"))
    assert Subscriber.objects.get().email.startswith("reader@xn--")


@pytest.mark.django_db
def test_the_form_needs_consent_and_a_choice(client, world):
    no_consent = follow_data()
    del no_consent["consent"]
    assert client.post("/th/follow/", no_consent).status_code == 200
    nothing_chosen = follow_data(networks=[])
    assert client.post("/th/follow/", nothing_chosen).status_code == 200
    unknown = follow_data(networks=["no-such-network"], frequency="hourly")
    assert client.post("/th/follow/", unknown).status_code == 200
    assert not Subscriber.objects.exists() and mail.outbox == []
    assert client.get("/th/follow/?network=ไม่มี&reporter=%00&district=x").status_code == 200


@pytest.mark.django_db
def test_one_address_asking_a_hundred_times_gets_a_few_emails(client, world):
    statuses = [client.post("/th/follow/", follow_data()).status_code for _ in range(100)]
    assert statuses.count(302) == limits.PER_EMAIL
    assert statuses.count(429) == 100 - limits.PER_EMAIL
    assert len(mail.outbox) == limits.PER_EMAIL
    assert Subscriber.objects.count() == 1


@pytest.mark.django_db
def test_one_client_asking_for_a_hundred_addresses_is_stopped(client, world, settings):
    statuses = [
        client.post("/th/follow/", follow_data(email=f"r{n}@example.org")).status_code
        for n in range(100)
    ]
    assert statuses.count(302) == limits.PER_CLIENT
    refused = client.post("/th/follow/", follow_data(email="late@example.org"))
    assert refused.status_code == 429 and 'role="alert"' in refused.content.decode()
    assert Subscriber.objects.count() == limits.PER_CLIENT
    assert len(mail.outbox) == limits.PER_CLIENT
    # Another client (behind the trusted proxy, told apart by X-Forwarded-For) may still follow.
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1/32"]
    other = client.post(
        "/th/follow/", follow_data(email="other@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_asking_again_with_a_confirmed_address_changes_nothing(client, world):
    follower = confirmed_follower(world)
    response = client.post("/th/follow/", follow_data(networks=["youth"], frequency="weekly"))
    assert response.status_code == 302
    follower.refresh_from_db()
    assert follower.frequency == "daily" and list(follower.networks.all()) == [world["media"]]
    (message,) = mail.outbox
    assert "/th/follow/manage/" in message.body and "/confirm/" not in message.body


@pytest.mark.django_db
def test_manage_change_export_and_delete(client, world):
    client.post("/th/follow/", follow_data())
    client.post(path_of(links_in(mail.outbox[0])[0]))
    follower = Subscriber.objects.get()
    token = manage_token(follower)
    page = client.get(f"/th/follow/manage/{token}/")
    assert page.status_code == 200 and "reader@example.org" in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    changed = client.post(
        f"/th/follow/manage/{token}/",
        {"networks": ["youth"], "districts": ["prasat"], "frequency": "weekly", "language": "en"},
    )
    assert changed.status_code == 200
    follower.refresh_from_db()
    assert (follower.frequency, follower.language, follower.districts) == (
        "weekly",
        "en",
        ["prasat"],
    )

    export = client.get(f"/th/follow/manage/{token}/export/")
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["email"] == "reader@example.org" and data["networks"] == ["youth"]
    assert [c["action"] for c in data["consent_records"]] == ["subscribe", "confirm", "change"]
    assert data["consent_records"][0]["source"] == "/th/"
    with translation.override("th"):
        assert data["consent_records"][0]["consent_text"] == str(CONSENT_TEXT)

    gone = client.post(f"/th/follow/manage/{token}/delete/")
    assert gone.status_code == 200
    assert not Subscriber.objects.exists() and not DigestSend.objects.exists()
    # The consent history stays, naming no one.
    records = ConsentRecord.objects.order_by("at", "pk")
    assert [r.action for r in records] == ["subscribe", "confirm", "change", "delete"]
    assert all(r.subscriber_id is None for r in records)
    assert "reader@example.org" not in json.dumps([r.choices for r in records])
    assert "youth" not in json.dumps([r.choices for r in records])
    assert client.get(f"/th/follow/manage/{token}/").status_code == 400


@pytest.mark.django_db
def test_unsubscribe_get_asks_first(client, world):
    follower = confirmed_follower(world)
    page = client.get(f"/th/follow/unsubscribe/{manage_token(follower)}/")
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Subscriber.objects.filter(pk=follower.pk).exists()


@pytest.mark.django_db
def test_follow_links_on_home_network_and_story_pages(client, world, site_tree):
    home = client.get("/th/")
    assert "/th/follow/?" in home.content.decode()
    story = publish(world["th"], world["media"], "ข่าวมีลิงก์ติดตาม")
    page = client.get(story.url)
    assert "/th/follow/?network=media" in page.content.decode()
    network_page = client.get("/en/networks/youth/")
    assert network_page.status_code == 200
    assert "/en/follow/?network=youth" in network_page.content.decode()


@pytest.mark.django_db
def test_pending_addresses_are_forgotten_after_the_confirmation_link_expires(world):
    from following.digests import forget_unconfirmed

    old = Subscriber.objects.create(email="old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="new@example.org")
    assert forget_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees"),
    [("admin", True), ("chief", True), ("editor", False), ("reporter", False)],
)
def test_only_administrators_and_the_editor_in_chief_see_followers(client, world, role, sees):
    from editorial.setup import setup_roles
    from roles.models import EditorialGroup
    from tests import roles_world

    setup_roles()
    roles = {
        "admin": (None, None),
        "chief": (EditorialGroup.Role.EDITOR_IN_CHIEF, None),
        "editor": (EditorialGroup.Role.NETWORK_EDITOR, world["media"]),
        "reporter": (EditorialGroup.Role.REPORTER, world["media"]),
    }
    kind, network = roles[role]
    user = roles_world.user(role, kind, network, superuser=role == "admin")
    confirmed_follower(world)
    client.force_login(user)
    response = client.get("/admin/snippets/following/subscriber/")
    if sees:
        assert response.status_code == 200
        text = response.content.decode()
        assert "reader@example.org" in text
        assert "1" in text
    else:
        assert response.status_code in (302, 403)
        assert "reader@example.org" not in response.content.decode()
    assert client.get("/admin/snippets/following/subscriber/add/").status_code in (302, 403)
    follower = Subscriber.objects.get()
    inspect = client.get(f"/admin/snippets/following/subscriber/inspect/{follower.pk}/")
    assert (inspect.status_code == 200) is sees
    assert follower.key not in inspect.content.decode()
    consents = client.get("/admin/snippets/following/consentrecord/")
    assert (consents.status_code == 200) is sees


@pytest.mark.django_db
def test_a_new_readers_confirmation_goes_before_waiting_digests(client, world, settings):
    from background.mail import QUEUED_EMAIL_BACKEND
    from tests.test_background_worker import DATABASE_QUEUE, run_queued_tasks

    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    for number in range(3):
        confirmed_follower(world, email=f"reader{number}@example.org")
    publish(world["th"], world["media"], "ข่าวใหม่")
    assert send_digests("daily")["queued"] == 3
    client.post("/th/follow/", follow_data(email="newcomer@example.org"))
    run_queued_tasks()
    assert [message.to[0] for message in mail.outbox][0] == "newcomer@example.org"
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_follower_deleted_by_staff_leaves_anonymous_consent_records(client, world):
    client.post("/th/follow/", follow_data())
    client.post(path_of(links_in(mail.outbox[0])[0]))
    admin = factories.UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    follower = Subscriber.objects.get()
    response = client.post(f"/admin/snippets/following/subscriber/delete/{follower.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    records = ConsentRecord.objects.all()
    assert records.count() == 2 and all(r.subscriber_id is None for r in records)
    assert "media" not in json.dumps([r.choices for r in records])
