"""search depends on dialogue_pages, never the other way round."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_page_app_and_blocks_never_import_search():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("dialogue_pages", "blocks")
        for path in (ROOT / package).rglob("*.py")
        if any(name.split(".")[0] in {"search", "dialogue_search"} for name in imported_modules(path))
    ]
    assert offenders == []


def test_search_never_imports_the_bundled_site():
    offenders = [str(path) for path in (ROOT / "search").rglob("*.py")
                 if any(name.startswith("dialogue_site") for name in imported_modules(path))]
    assert offenders == []
