"""What cleaning a photo costs: peak memory and time, per format, at the largest accepted size.

Every figure comes from a fresh process (the file is built in one, cleaned in another), so the
peak resident memory the kernel reports (ru_maxrss) is the cleaning's own, and "growth" is that
peak minus the process's memory just before cleaning (Django loaded, the file read). The
figures are quoted in docs/security.md ("Files and photos"); `make bench` runs this through
tests/test_security_files_bench.py and writes bench/files_results.json.

    .venv/bin/python bench/files_bench.py            # every case (building the HEIC takes minutes)
    .venv/bin/python bench/files_bench.py --quick    # without the 108 MP JPEG and the HEIC
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "files_results.json"

# (label, format, width, height, frames, options, in the quick run)
CASES = [
    ("12 MP phone JPEG", "JPEG", 4032, 3024, 1, {}, True),
    ("48 MP phone JPEG", "JPEG", 8000, 6000, 1, {}, True),
    ("108 MP JPEG (largest accepted)", "JPEG", 12000, 9000, 1, {}, False),
    (
        "25 MP progressive JPEG, no subsampling (largest accepted)",
        "JPEG",
        5773,
        4330,
        1,
        {"progressive": True, "subsampling": 0},
        True,
    ),
    ("16.8 MP RGBA PNG (largest accepted)", "PNG", 4096, 4096, 1, {}, True),
    ("16.8 MP WebP (largest accepted)", "WEBP", 4096, 4096, 1, {}, True),
    ("12.5 MP AVIF (largest accepted)", "AVIF", 4080, 3060, 1, {}, True),
    ("48 MP HEIC, iPhone 'HEIF Max'", "HEIF", 8064, 6048, 1, {}, False),
    ("GIF of 50 frames, 16.8 MP in all (largest accepted)", "GIF", 579, 579, 50, {}, True),
]


def photo_like(width, height, mode="RGB", grain=10):
    """Soft shapes and fine grain, so encoders work as hard as on a photo. (A lossless PNG of
    that would be over the 40 MB file limit at 25 MP, so the PNG has no grain: decoding costs
    the same whatever the content.)"""
    from PIL import Image

    bands = [
        Image.effect_noise((max(1, width // 32), max(1, height // 32)), 70).resize(
            (width, height), Image.Resampling.BICUBIC
        )
        for _ in range(3)
    ]
    image = Image.blend(
        Image.merge("RGB", bands), Image.effect_noise((width, height), 10).convert("RGB"), 0.15
    )
    if mode == "RGBA":
        image.putalpha(bands[0])
    return image


def build(case_index, path):
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    _label, fmt, width, height, frames, options, _quick = CASES[case_index]
    if fmt == "GIF":
        images = [photo_like(width, height).quantize(64) for _ in range(frames)]
        images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=80)
    elif fmt == "HEIF":
        heif = pillow_heif.from_pillow(photo_like(width, height))
        heif.save(path, quality=50)
    elif fmt == "PNG":
        photo_like(width, height, "RGBA", grain=0).save(path, "PNG", compress_level=6)
    elif fmt in ("WEBP", "AVIF"):
        photo_like(width, height).save(path, fmt, quality=85)
    else:
        photo_like(width, height).save(path, "JPEG", quality=92, **options)
    with Image.open(path) as check:
        assert check.size == (width, height)


def current_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.exceptions import ValidationError

    from media_library.image_safety import clean_image

    data = Path(path).read_bytes()
    before = current_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        clean = clean_image(io.BytesIO(data), Path(path).name)
    except ValidationError as error:
        print(json.dumps({"file_mb": round(len(data) / 1e6, 1), "refused": error.messages[0]}))
        return
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "file_mb": round(len(data) / 1e6, 1),
                "before_mb": round(before),
                "peak_mb": round(peak),
                "growth_mb": round(peak - before),
                "seconds": round(wall, 2),
                "cpu_seconds": round(cpu, 2),
                "stored": clean.name,
                "stored_kb": round(clean.size / 1024),
            }
        )
    )


def run(quick=False):
    results = []
    with tempfile.TemporaryDirectory(prefix="files-bench-") as folder:
        for index, case in enumerate(CASES):
            label, fmt = case[0], case[1]
            if quick and not case[-1]:
                continue
            path = Path(folder) / f"case-{index}.{fmt.lower()}"
            started = time.perf_counter()
            subprocess.run(  # noqa: S603 – this script, fixed arguments
                [sys.executable, __file__, "--build", str(index), str(path)], check=True
            )
            built_in = time.perf_counter() - started
            output = subprocess.run(  # noqa: S603 – this script, fixed arguments
                [sys.executable, __file__, "--measure", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(output.stdout.strip().splitlines()[-1])
            figures["load_average"] = round(os.getloadavg()[0], 1)
            results.append({"case": label, "built_in_s": round(built_in, 1), **figures})
            if "refused" in figures:
                print(f"{label}: refused: {figures['refused']}", flush=True)
                continue
            print(
                f"{label}: {figures['file_mb']} MB file, growth {figures['growth_mb']} MB "
                f"(peak {figures['peak_mb']} MB), {figures['seconds']} s, "
                f"CPU {figures['cpu_seconds']} s (load {figures['load_average']}) "
                f"→ {figures['stored']} {figures['stored_kb']} KB",
                flush=True,
            )
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "PATH"))
    parser.add_argument("--measure", metavar="PATH")
    args = parser.parse_args()
    if args.build:
        build(int(args.build[0]), args.build[1])
        return
    if args.measure:
        measure(args.measure)
        return
    results = run(quick=args.quick)
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    stored["cleaning"] = results
    RESULTS.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
