"""Times `manage.py import_stories` on a generated file of many stories.

    python bench/import_bench.py --stories 10000            # a throw-away SQLite database
    DATABASE_URL=postgres://... python bench/import_bench.py --stories 10000   # an EMPTY database

The database is migrated, given the demo networks and pages, two stories sections (Thai and its
English translation), topics and reporters; then the file is imported twice: once creating every
story, once updating every story (the re-import path). Results go to stdout; record them in
docs/import-format.md.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000, help="how many stories")
    parser.add_argument("--images", type=int, default=20, help="distinct hero images to share")
    parser.add_argument("--seed", type=int, default=2569)
    return parser.parse_args()


def setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_site():
    from django.contrib.auth import get_user_model

    from demo.site import load_networks, load_site
    from home.models import HomePage
    from news.models import StoryIndexPage, Topic

    load_networks()
    load_site()
    home_th = HomePage.objects.get(locale__language_code="th")
    home_en = HomePage.objects.get(locale__language_code="en")
    index_th = StoryIndexPage.objects.filter(locale=home_th.locale).first()
    if index_th is None:
        index_th = StoryIndexPage(title="เรื่องราว", slug="เรื่องราว", locale=home_th.locale)
        home_th.add_child(instance=index_th)
        index_th.save_revision().publish()
    if not StoryIndexPage.objects.filter(locale=home_en.locale).exists():
        index_en = index_th.copy_for_translation(home_en.locale)
        index_en.title, index_en.slug = "Stories", "stories"
        index_en.save_revision().publish()
    for slug, th, en in [
        ("agriculture", "เกษตร", "Agriculture"),
        ("culture", "วัฒนธรรม", "Culture"),
        ("health", "สุขภาพ", "Health"),
        ("environment", "สิ่งแวดล้อม", "Environment"),
    ]:
        Topic.objects.get_or_create(slug=slug, defaults={"name_th": th, "name_en": en})
    User = get_user_model()
    for number in range(10):
        User.objects.get_or_create(username=f"reporter{number}")


def write_file(workdir, count, image_count, seed):
    import json

    from PIL import Image

    from networks.models import Network
    from news.models import District, LocalWisdomPage

    rng = random.Random(seed)
    networks = list(Network.objects.values_list("slug", flat=True))
    images = workdir / "images"
    images.mkdir(exist_ok=True)
    for number in range(image_count):
        colour = (number * 12 % 256, 80, 160)
        Image.new("RGB", (320, 200), colour).save(images / f"photo-{number}.jpg", "JPEG")
    villages = ["ท่าสว่าง", "ตากลาง", "เขวาสินรินทร์", "ดงรัก", "ศรีณรงค์"]
    stories = []
    for number in range(count):
        # Every other story is the English translation of the Thai story before it.
        english = number % 2 == 1
        kind = ("news", "local_wisdom", "culture")[(number // 2) % 3]
        village = rng.choice(villages)
        record = {
            "ref": f"bench-{number // 2}-{'en' if english else 'th'}",
            "type": kind,
            "locale": "en" if english else "th",
            "title": (
                f"Story {number // 2} from {village}"
                if english
                else f"เรื่องที่ {number // 2} จากบ้าน{village}"
            ),
            "networks": rng.sample(networks, 2),
            "summary": "สรุปเรื่องสั้น ๆ สำหรับผู้อ่าน" * 3,
            "body": [f"ย่อหน้าที่ {paragraph} ของเรื่อง บ้าน{village}" * 8 for paragraph in range(5)],
            "topics": rng.sample(["agriculture", "culture", "health", "environment"], 2),
            "tags": [village, rng.choice(["ผ้าไหม", "ข้าวหอมมะลิ", "ช้าง", "ป่าชุมชน"])],
            "district": rng.choice(District.values),
            "reporters": [f"reporter{rng.randrange(10)}"],
            "published_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00+07:00",
            "hero_image": f"images/photo-{rng.randrange(image_count)}.jpg",
            "hero_image_alt": f"ภาพประกอบจากบ้าน{village}",
            "corrections": [{"date": "2025-12-31", "text": "แก้ไขชื่อหมู่บ้าน"}]
            if number % 10 == 0
            else [],
        }
        if english:
            record["translation_of"] = f"bench-{number // 2}-th"
        if kind == "local_wisdom":
            record["holder_name"] = f"แม่บุญมี {number}"
            record["practice"] = rng.choice(LocalWisdomPage.Practice.values)
        elif kind == "culture":
            record["tradition"] = rng.choice(["งานช้างสุรินทร์", "บุญบั้งไฟ", "แซนโฎนตา"])
        stories.append(record)
    path = workdir / "stories.json"
    path.write_text(json.dumps({"stories": stories}, ensure_ascii=False), "utf-8")
    return path


def timed_import(path):
    import io

    from django.core.management import call_command

    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("import_stories", str(path), stdout=io.StringIO())
    return time.perf_counter() - started, time.process_time() - cpu_started


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="siang-import-bench-") as folder:
        workdir = Path(folder)
        setup_django(workdir)
        from django.db import connection

        from news.models import StoryPage

        build_site()
        path = write_file(workdir, args.stories, args.images, args.seed)
        print(f"database: {connection.vendor}; file: {path.stat().st_size / 1e6:.1f} MB")
        for label in ("create", "update"):
            seconds, cpu = timed_import(path)
            # CPU time is printed too: on a busy machine the wall clock measures the neighbours
            # (the database is in-process SQLite, so its work counts as this process's CPU).
            print(
                f"{label}: {args.stories} stories in {seconds:.1f} s "
                f"= {args.stories / seconds:.1f} stories/s (CPU {cpu:.1f} s)"
            )
        assert StoryPage.objects.count() == args.stories
        assert StoryPage.objects.live().count() == args.stories


if __name__ == "__main__":
    main()
