"""The wheel holds the three apps with their data files under their import names, and the apps never import
the bundled site. The folders ``blocks/`` and ``search/`` install as ``dialogue_blocks`` and ``dialogue_search``,
so the wheel installs beside a ``wagtail start`` project, which has a ``search`` app of its own."""

import ast
import json
import os
import re
import subprocess
import sys
import sysconfig
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
def wheel(tmp_path_factory) -> Path:
    """The wheel of the repository as it is now, built once for this module."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    (built,) = out.glob("dialogue_cms-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_files(wheel) -> set[str]:
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


@pytest.mark.slow
def test_wheel_names_its_license_and_ships_the_text(wheel, wheel_files):
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in wheel_files)
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [name for name in wheel_files if name.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode()
    assert "License-Expression: BSD-3-Clause" in headers.splitlines()


def readme_snippets() -> tuple[str, str]:
    """The settings and the URLs that README.md's "Add to an existing Wagtail site" tells a host to add."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add to an existing Wagtail site", 1)[1].split("\n## ", 1)[0]
    settings, urls = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)[:2]
    return settings, urls


# Run in the host project with ``manage.py shell -c``: where the apps come from, and one request of each kind.
PROBE = """
import json, sys
import dialogue_blocks, dialogue_pages, dialogue_search, search
from django.test import Client

client = Client()
answers = {path: client.get(path) for path in ("/api/v1/dialogues/", "/api/v1/openapi.json", "/search/",
                                               "/dialogues/search/")}
print(json.dumps({
    "no_site": sys.flags.no_site,
    "editable_finder": any("editable" in name for name in sys.modules),
    "files": {module.__name__: module.__file__
              for module in (dialogue_pages, dialogue_blocks, dialogue_search, search)},
    "status": {path: answer.status_code for path, answer in answers.items()},
    "views": {path: answer.resolver_match.func.__module__ for path, answer in answers.items()},
    "dialogues": answers["/api/v1/dialogues/"].json(),
    "openapi_paths": sorted(answers["/api/v1/openapi.json"].json()["paths"]),
}))
"""


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command[:4])}: {done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return done.stdout


@pytest.mark.slow
def test_the_wheel_installs_beside_a_wagtail_start_project_with_its_own_search_app(wheel, tmp_path):
    wagtail = Path(sys.executable).with_name("wagtail")
    project, unpacked = tmp_path / "hostsite", tmp_path / "wheel"
    project.mkdir()
    # Nothing of the test run reaches the host: not its settings module, database or search engine.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    run([str(wagtail), "start", "hostsite", str(project)], tmp_path, env)
    assert (project / "search" / "views.py").exists() and (project / "home" / "models.py").exists()

    # A wheel is a zip: unpacked, its pure-Python files are installed.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    settings, urls = readme_snippets()
    with (project / "hostsite" / "settings" / "base.py").open("a", encoding="utf-8") as file:
        file.write(f"\n\n# README.md, Add to an existing Wagtail site\n{settings}")
    with (project / "hostsite" / "urls.py").open("a", encoding="utf-8") as file:
        file.write(f"\n\n# README.md, Add to an existing Wagtail site\n{urls}")

    # python -S: no site-packages and no .pth files, so neither the repository nor its editable install is
    # importable; the dependencies come from the environment's site-packages, the plugin from the wheel.
    env["PYTHONPATH"] = os.pathsep.join([str(unpacked), sysconfig.get_paths()["purelib"], str(project)])
    manage = [sys.executable, "-S", "manage.py"]
    assert "System check identified no issues" in run([*manage, "check"], project, env)
    run([*manage, "migrate", "--noinput"], project, env)
    found = json.loads(run([*manage, "shell", "-c", PROBE], project, env).strip().splitlines()[-1])

    assert found["no_site"] == 1 and not found["editable_finder"]
    for app in APPS:
        assert Path(found["files"][app]).is_relative_to(unpacked / app), found["files"]
    assert Path(found["files"]["search"]).is_relative_to(project / "search")
    assert found["status"] == {"/api/v1/dialogues/": 200, "/api/v1/openapi.json": 200, "/search/": 200,
                               "/dialogues/search/": 200}
    assert found["views"]["/search/"] == "search.views"  # the project's own search page
    assert found["views"]["/dialogues/search/"] == "dialogue_search.page"
    assert found["dialogues"] == {"items": [], "next": None}
    assert {"/api/v1/dialogues/", "/api/v1/search/"} <= set(found["openapi_paths"])
