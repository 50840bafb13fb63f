"""The wheel holds the three apps with their data files under their import names, and the apps never import
the bundled site. The folders ``blocks/`` and ``search/`` install as ``dialogue_blocks`` and ``dialogue_search``."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# import name -> folder in the repository
APPS = {"dialogue_pages": "dialogue_pages", "dialogue_blocks": "blocks", "dialogue_search": "search"}
DATA_SUFFIXES = {".html", ".json", ".po", ".mo", ".css", ".js", ".svg", ".txt"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize(
    ("app", "forbidden"),
    [("dialogue_pages", {"dialogue_site", "site", "search", "dialogue_search", "blocks"}),
     ("blocks", {"dialogue_site", "site", "dialogue_pages", "search", "dialogue_search", "blocks"}),
     ("search", {"dialogue_site", "site", "search", "blocks"})],
)
def test_dependencies_point_one_way(app, forbidden):
    offenders = {
        str(path.relative_to(ROOT)): imported_modules(path) & forbidden
        for path in (ROOT / app).rglob("*.py")
        if imported_modules(path) & forbidden
    }
    assert offenders == {}


def repository_files(app: str) -> set[str]:
    """The files of an app's folder, named as the wheel names them (under the app's import name)."""
    folder = ROOT / APPS[app]
    return {
        f"{app}/{path.relative_to(folder)}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and (path.suffix == ".py" or path.suffix in DATA_SUFFIXES)
    }


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = out.glob("dialogue_cms-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.slow
@pytest.mark.parametrize("app", APPS)
def test_wheel_contains_every_module_template_migration_and_translation(wheel_files, app):
    missing = repository_files(app) - wheel_files
    assert missing == set()


@pytest.mark.slow
def test_wheel_ships_no_tests_or_benchmarks_and_the_site_only_under_its_own_name(wheel_files):
    top_levels = {name.split("/")[0] for name in wheel_files if not name.startswith("dialogue_cms-")}
    assert top_levels == {*APPS, "dialogue_site"}
    assert not any(name.startswith(("tests/", "bench/", "site/")) for name in wheel_files)
