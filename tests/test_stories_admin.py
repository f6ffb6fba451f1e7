"""Editors create each story type through the Wagtail admin form."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from demo import factories
from home.models import HomePage
from news.models import CultureStoryPage, LocalWisdomPage, NewsPage, StoryIndexPage, StoryPage
from tests.story_helpers import build_story_site


class StoryAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_story_site()
        cls.network = factories.NetworkFactory(slug="youth")
        cls.topic = factories.TopicFactory(slug="health")
        cls.reporter = factories.ReporterProfileFactory(display_name="ฟ้า รักถิ่น")
        cls.admin = factories.UserFactory(username="chief", is_staff=True, is_superuser=True)

    def setUp(self):
        self.client.force_login(self.admin)

    def story_data(self, title, **extra):
        data = nested_form_data(
            {
                "title": title,
                "slug": "",
                "summary": "ชาวบ้านร่วมกันทำ",
                "body": streamfield(
                    [
                        ("heading", {"text": "ที่มา", "level": "h2"}),
                        ("paragraph", rich_text("<p>เรื่องเล่าจากหมู่บ้าน</p>")),
                        ("quote", {"text": "ผ้าไหมทุกผืนมีเรื่องเล่า", "attribution": "แม่บุญมี"}),
                    ]
                ),
                "tags": "ผ้าไหม, ช้าง",
                "district": "sangkha",
                "bylines": inline_formset([{"reporter": self.reporter.pk}]),
                "corrections": inline_formset([]),
                **extra,
            }
        )
        # Multiple choices are posted as repeated keys, which nested_form_data would flatten.
        data["networks"] = [self.network.pk]
        data["topics"] = [self.topic.pk]
        return data

    def test_the_stories_section_goes_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanNotCreateAt(StoryIndexPage, StoryIndexPage)
        self.assertAllowedSubpageTypes(
            StoryIndexPage, {NewsPage, LocalWisdomPage, CultureStoryPage}
        )
        self.assertCanNotCreateAt(StoryIndexPage, StoryPage)

    def test_editor_creates_a_news_story(self):
        self.assertCanCreate(self.site["th"], NewsPage, self.story_data("ข่าวงานบุญประจำปี"))
        story = NewsPage.objects.get(title="ข่าวงานบุญประจำปี")
        assert story.live and story.slug == "ข่าวงานบุญประจำปี"
        assert list(story.networks.all()) == [self.network]
        assert sorted(tag.name for tag in story.tags.all()) == ["ช้าง", "ผ้าไหม"]
        assert [byline.reporter for byline in story.bylines.all()] == [self.reporter]
        assert [block.block_type for block in story.body] == ["heading", "paragraph", "quote"]
        assert self.client.get(story.url).status_code == 200

    def test_editor_creates_a_local_wisdom_article(self):
        data = self.story_data(
            "ภูมิปัญญาการย้อมสีธรรมชาติ",
            holder_name="แม่บุญมี ศรีสุข",
            holder_role="ช่างทอ",
            holder_village="บ้านโชค",
            holder_district="khwao-sinarin",
            practice="weaving-dyeing",
            licence="cc-by-nc-4.0",
            consent_given_by="แม่บุญมี ศรีสุข",
            consent_date="2026-10-01",
            consent_method="written",
        )
        self.assertCanCreate(self.site["th"], LocalWisdomPage, data)
        story = LocalWisdomPage.objects.get(title="ภูมิปัญญาการย้อมสีธรรมชาติ")
        assert story.consent_method == "written" and story.practice == "weaving-dyeing"

    def test_editor_creates_a_culture_story(self):
        data = self.story_data(
            "Sen Don Ta in Kap Choeng",
            tradition="แซนโฎนตา",
            occurs_on="",
            lunar_timing="แรม ๑๔ ค่ำ เดือน ๑๐",
            place="กาบเชิง",
        )
        self.assertCanCreate(self.site["en"], CultureStoryPage, data)
        story = CultureStoryPage.objects.get(title="Sen Don Ta in Kap Choeng")
        assert story.locale.language_code == "en"
        assert story.lunar_timing == "แรม ๑๔ ค่ำ เดือน ๑๐"

    def test_a_story_without_a_network_cannot_be_published(self):
        data = self.story_data("ข่าวไม่มีเครือข่าย")
        data.pop("networks")
        data["action-publish"] = "action-publish"
        response = self.client.post(
            f"/admin/pages/add/news/newspage/{self.site['th'].pk}/", data, follow=True
        )
        assert not NewsPage.objects.filter(title="ข่าวไม่มีเครือข่าย").exists()
        assert "networks" in response.context["form"].errors

    def test_editor_previews_a_story_before_saving_it(self):
        data = self.story_data("ข่าวที่ยังไม่บันทึก")
        data["corrections-TOTAL_FORMS"] = "1"
        data.update({"corrections-0-corrected_on": "2026-11-24", "corrections-0-text": "แก้ไข"})
        preview_url = f"/admin/pages/add/news/newspage/{self.site['th'].pk}/preview/"
        assert self.client.post(preview_url, data).json()["is_valid"]
        response = self.client.get(preview_url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "ข่าวที่ยังไม่บันทึก" in html and "ฟ้า รักถิ่น" in html and "แก้ไข" in html
        assert not NewsPage.objects.filter(title="ข่าวที่ยังไม่บันทึก").exists()

    def test_a_preview_shows_the_reading_time_of_the_longer_draft(self):
        story = factories.published_story(self.site["th"], networks=[self.network])
        assert NewsPage.objects.get(pk=story.pk).reading_minutes == 1
        data = self.story_data(story.title)
        words = "ชาวบ้านร่วมกันปลูกต้นไม้ในป่าชุมชน " * 80  # about 560 Thai words
        data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(words))])}))
        preview_url = f"/admin/pages/{story.pk}/edit/preview/"
        assert self.client.post(preview_url, data).json()["is_valid"]
        html = self.client.get(preview_url).content.decode()
        assert 'class="story__reading-time">อ่าน 3 นาที<' in html
        assert NewsPage.objects.get(pk=story.pk).reading_minutes == 1

    def test_a_preview_of_a_saved_story_shows_the_topics_tags_and_corrections_of_the_form(self):
        story = factories.published_story(self.site["th"], networks=[self.network])
        topic = factories.TopicFactory(name_th="หัวข้อในแบบฟอร์ม", slug="form-topic")
        data = self.story_data(story.title, tags="แท็กในแบบฟอร์ม")
        data["topics"] = [topic.pk]
        data.update(
            nested_form_data(
                {
                    "corrections": inline_formset(
                        [{"corrected_on": "2026-11-24", "text": "คำแก้ไขในแบบฟอร์ม"}]
                    )
                }
            )
        )
        preview_url = f"/admin/pages/{story.pk}/edit/preview/"
        assert self.client.post(preview_url, data).json()["is_valid"]
        html = self.client.get(preview_url).content.decode()
        assert "หัวข้อในแบบฟอร์ม" in html and "แท็กในแบบฟอร์ม" in html
        assert "คำแก้ไขในแบบฟอร์ม" in html
        live_html = self.client.get(story.url).content.decode()
        assert "หัวข้อในแบบฟอร์ม" not in live_html and "คำแก้ไขในแบบฟอร์ม" not in live_html

    def test_editor_previews_a_saved_story_with_the_networks_chosen_in_the_form(self):
        farmers = factories.NetworkFactory(slug="farmers", name_th="เครือข่ายชาวนาตัวอย่าง")
        story = factories.published_story(self.site["th"], networks=[self.network])
        data = self.story_data(story.title)
        data["networks"] = [farmers.pk]
        preview_url = f"/admin/pages/{story.pk}/edit/preview/"
        assert self.client.post(preview_url, data).json()["is_valid"]
        html = self.client.get(preview_url).content.decode()
        assert "เครือข่ายชาวนาตัวอย่าง" in html
        assert list(NewsPage.objects.get(pk=story.pk).networks.all()) == [self.network]
