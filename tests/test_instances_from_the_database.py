"""Pages made from database rows skip modelcluster's scan of child relations
(core.instances_from_the_database); pages made with child relations in hand, as the editor's
form and a preview make them, still get them; a plain page row copied into its own class is
the copy Wagtail's specific_deferred makes."""

import datetime

from modelcluster.models import ClusterableModel
from wagtail.models import Page

from core import instances_from_the_database
from core.instances_from_the_database import in_own_class
from demo import factories
from demo.factories import published_story
from news.models import StoryByline, StoryCorrection, StoryPage


def test_a_story_read_back_has_its_fields_and_its_lists(story_index, client):
    youth = factories.NetworkFactory(slug="youth", name_th="เครือข่ายเยาวชน", name_en="Youth")
    reporter = factories.ReporterProfileFactory(display_name="ฟ้า รักถิ่น", slug="fah")
    story = published_story(
        story_index["th"], networks=[youth], reporters=[reporter], title="ทอผ้าไหมบ้านสวาย"
    )
    StoryCorrection.objects.create(
        story=story, corrected_on=datetime.date(2026, 12, 1), text="แก้ชื่อหมู่บ้าน"
    )

    read_back = StoryPage.objects.get(pk=story.pk)

    assert ClusterableModel.__init__ is not instances_from_the_database._scanning_init
    assert read_back.title == "ทอผ้าไหมบ้านสวาย"
    assert [network.slug for network in read_back.networks.all()] == ["youth"]
    assert [byline.reporter.slug for byline in read_back.bylines.all()] == ["fah"]
    html = client.get(story.url).content.decode()
    assert "แก้ชื่อหมู่บ้าน" in html
    assert 'rel="author">ฟ้า รักถิ่น<' in html


def test_a_story_made_with_its_lists_in_hand_keeps_them_unsaved(story_index):
    reporter = factories.ReporterProfileFactory(slug="fah")
    correction = StoryCorrection(corrected_on=datetime.date(2026, 12, 1), text="แก้วันที่")

    draft = StoryPage(
        title="ร่าง",
        bylines=[StoryByline(reporter=reporter)],
        corrections=[correction],
    )

    assert [byline.reporter for byline in draft.bylines.all()] == [reporter]
    assert list(draft.corrections.all()) == [correction]
    assert not StoryCorrection.objects.exists()


def test_a_page_row_copied_into_its_own_class_is_the_copy_wagtail_makes(story_index):
    news = published_story(story_index["th"], kind="news", title="ข่าวน้ำท่วมท่าตูม")
    for page in (story_index["th"], news):
        row, other_row = Page.objects.get(pk=page.pk), Page.objects.get(pk=page.pk)

        ours, wagtails = in_own_class(row), other_row.specific_deferred

        assert type(ours) is type(wagtails) is type(page)
        assert in_own_class(row) is ours is row.specific_deferred
        for field in Page._meta.concrete_fields:
            assert getattr(ours, field.attname) == getattr(wagtails, field.attname)
        own_fields = {
            field.attname
            for field in type(page)._meta.concrete_fields
            if field.model is not Page and not field.remote_field
        }
        assert own_fields and own_fields <= ours.get_deferred_fields()
        assert ours.pk == page.pk and ours.url == page.url


def test_a_copy_reads_its_own_fields_when_asked(story_index):
    news = published_story(story_index["th"], kind="news", summary="สรุปข่าว")

    copy = in_own_class(Page.objects.get(pk=news.pk))

    assert copy.summary == "สรุปข่าว"
