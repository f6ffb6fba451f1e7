"""A small Thai site for the search tests, built once per test module (building pages is slow)."""

from contextlib import contextmanager

from django.db import transaction

from demo import factories
from tests.story_helpers import build_story_site

STORIES = {
    "weaving": (
        "local-wisdom",
        "กลุ่มแม่บ้านท่าสว่างสืบสานงานทอ",
        "กลุ่มแม่บ้านทอผ้าไหมลายโบราณส่งขายทั่วประเทศในปี ๒๕๖๙ OTOP weaving",
        "culture",
    ),
    "tourists": (
        "culture",
        "งานช้างประจำปีคึกคัก",
        "นักท่องเที่ยวต่างชาติแห่ชมขบวนช้างกว่าสามหมื่นคนในปี 2568",
        "culture",
    ),
    "craftsman": (
        "news",
        "ช่างเงินเขวาสินรินทร์",
        "ช่างทำลูกประเกือมสืบทอดฝีมือมาสามรุ่น ดนตรีกันตรึมบรรเลงในงาน",
        "media",
    ),
    "rice": (
        "news",
        "ข้าวหอมมะลิทุ่งกุลา",
        "เกษตรกรรายย่อยปลูกข้าวอินทรีย์ farmers organic rice",
        "small-farmers",
    ),
}

NETWORKS = {
    "culture": ("เครือข่ายวัฒนธรรมชุมชน", "Community Culture Network"),
    "media": ("เครือข่ายวิชาชีพและสื่อชุมชนจังหวัดสุรินทร์", "Surin Community Vocations and Media Network"),
    "small-farmers": (
        "เครือข่ายสมัชชาเกษตรกรรายย่อย (๑) ภาคอีสาน",
        "Assembly of Small-Scale Farmers of the Northeast (1)",
    ),
}


def build_site():
    """The stories site of every module-scoped test (tests.story_helpers), with these stories."""
    site = build_story_site()
    networks = {
        slug: factories.NetworkFactory(slug=slug, name_th=name_th, name_en=name_en)
        for slug, (name_th, name_en) in NETWORKS.items()
    }
    stories = {
        key: factories.published_story(
            site["th"], kind, networks=[networks[network]], title=title, summary=summary
        )
        for key, (kind, title, summary, network) in STORIES.items()
    }
    return {"home": site["home_th"], "index": site["th"], "networks": networks, "stories": stories}


@contextmanager
def site_for_module(django_db_blocker):
    """Build the site inside a transaction that is rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)
