"""The shape of the project: what the package installs and declares (docs/architecture.md)."""

import ast
import importlib.metadata
import re
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())


def project_apps():
    """The top-level packages of INSTALLED_APPS that live in this repository."""
    tops = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    return sorted(top for top in tops if (REPO / top / "__init__.py").exists())


def project_modules():
    """Every Python file of the installed code (the apps and cms/), migrations left out."""
    for top in [*project_apps(), "cms"]:
        for path in sorted((REPO / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_names(path):
    """Every absolute module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def _normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions(extra=None):
    """The distributions the package requires, plus those of one of its extras."""
    requirement_name = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
    lines = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"].get(extra, []),
    ]
    return {_normalised(requirement_name.match(line).group(1)) for line in lines}


def test_every_project_app_is_packaged():
    patterns = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    for app in [*project_apps(), "cms"]:
        assert any(fnmatch(app, pattern) for pattern in patterns), (
            f"{app} is an installed app but pyproject.toml's package list leaves it out"
        )


def test_every_directly_imported_distribution_is_declared():
    own = {*project_apps(), "cms"}
    distributions = importlib.metadata.packages_distributions()
    missing = set()
    for path in project_modules():
        # The demo app is installed only with the `demo` extra, which declares its factories.
        app = path.relative_to(REPO).parts[0]
        declared = declared_distributions("demo" if app == "demo" else None)
        for module in imported_names(path):
            top = module.split(".")[0]
            if top in own or top in sys.stdlib_module_names:
                continue
            for distribution in distributions.get(top, [top]):
                if _normalised(distribution) not in declared:
                    missing.add(f"{distribution} (imported by {path.relative_to(REPO)})")
    assert not missing, f"imported but not declared in [project.dependencies]: {sorted(missing)}"


# The floors, from the ground up (docs/architecture.md). An app may import apps on its own floor
# or below, never above; apps on one floor must not import each other around a loop either.
LAYERS = [
    {"thai_text", "security_headers", "sign_in"},
    {"admin_thai"},
    {"core"},
    {"networks"},
    {"roles"},
    {"background"},
    {"media_library"},
    {"news"},
    {"home", "editorial"},
    {"distribution", "thai_search", "tips"},
    {"backups"},
    {"demo"},
    {"cms"},
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}


def app_imports():
    """{app: {imported app: [where, ...]}} over every project module, deferred imports included."""
    own = {*project_apps(), "cms"}
    arrows = {}
    for path in project_modules():
        app = path.relative_to(REPO).parts[0]
        for module in imported_names(path):
            target = module.split(".")[0]
            if target in own and target != app:
                arrows.setdefault(app, {}).setdefault(target, []).append(
                    str(path.relative_to(REPO))
                )
    return arrows


def test_every_project_app_has_a_floor():
    assert set(project_apps()) | {"cms"} <= set(FLOOR), "add the new app to LAYERS"


def test_no_app_imports_a_higher_floor():
    upward = [
        f"{app} -> {target} in {', '.join(sorted(set(places)))}"
        for app, targets in app_imports().items()
        for target, places in targets.items()
        if FLOOR[target] > FLOOR[app]
    ]
    assert not upward, "imports that point up a floor:\n" + "\n".join(upward)


def test_no_import_cycle_between_apps():
    arrows = {app: set(targets) for app, targets in app_imports().items()}

    def reaches(start, goal, seen):
        for target in arrows.get(start, ()):
            if target == goal or (target not in seen and reaches(target, goal, seen | {target})):
                return True
        return False

    cycles = sorted(app for app in arrows if reaches(app, app, {app}))
    assert not cycles, f"apps that import themselves around a loop: {cycles}"


def module_name(path):
    """news/models/__init__.py → news.models; news/models/pages.py → news.models.pages."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_imports(path, modules):
    """The project modules a file imports (relative imports resolved, deferred ones included),
    each named as the module file it runs: ``from .models import pages`` is news.models.pages,
    ``from .models import StoryPage`` is the package news.models."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target in modules and target != name:
                yield target
                yield from enclosing_packages_run(target, name, modules)


def enclosing_packages_run(target, importer, modules):
    """Importing news.models.reporters from outside news.models runs news/models/__init__.py
    first: an arrow to that package as well."""
    parts = target.split(".")
    for depth in range(2, len(parts)):
        package = ".".join(parts[:depth])
        if package in modules and package != importer and not importer.startswith(package + "."):
            yield package


def module_cycles_inside_apps():
    """Every loop of imports between the modules of one app, as lists of module names."""
    paths = {module_name(path): path for path in project_modules()}
    arrows = {
        name: {
            target
            for target in module_imports(path, paths)
            if target.split(".")[0] == name.split(".")[0]
        }
        for name, path in paths.items()
    }
    cycles = []
    done = set()

    def visit(name, trail):
        if name in trail:
            cycles.append(trail[trail.index(name) :] + [name])
            return
        if name in done:
            return
        for target in sorted(arrows[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(arrows):
        visit(name, [])
    return cycles


def test_no_import_cycle_between_the_modules_of_an_app():
    # A module the models package imports must not import the package (or anything leading
    # back to it) in turn, at the top or inside a function: whichever is imported first would
    # find the other half-made, and a deferred import only hides the arrow.
    cycles = [" -> ".join(cycle) for cycle in module_cycles_inside_apps()]
    assert not cycles, "modules of one app that import each other around a loop:\n" + "\n".join(
        cycles
    )


def test_the_module_walk_sees_a_loop_through_a_package():
    paths = {module_name(path): path for path in project_modules()}
    assert "news.models.pages" in set(module_imports(REPO / "news/models/__init__.py", paths))
    assert "news.models" in set(module_imports(REPO / "news/queries.py", paths))
    assert list(enclosing_packages_run("news.models.reporters", "news.queries", paths)) == [
        "news.models"
    ]
    assert list(enclosing_packages_run("news.models.reporters", "news.models.pages", paths)) == []
