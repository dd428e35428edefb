"""Copy the front-end files the pages need from node_modules into passerelle/web/static/vendor/.

Nothing may be fetched from the internet at run time (DESIGN.md, "Offline"), so the GC Design
System stylesheet is rewritten on the way: its Google Fonts import is replaced by imports of the
fonts' own stylesheets, copied alongside, and its icon font's CDN addresses by relative paths to
the copied icon files. The script fails, naming the file, when an expected file is missing or
when a copied stylesheet or script still refers to something the browser would fetch from
outside.

Run after `npm ci`: `uv run python scripts/vendor_static.py`. Standard library only.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "passerelle" / "web" / "static" / "vendor"

GCDS_DIST = NODE_MODULES / "@gcds-core" / "components" / "dist" / "gcds"
FONTS_DIST = NODE_MODULES / "@gcds-core" / "fonts" / "fonts"
TEXT_FONTS = ("lato", "noto-sans", "noto-sans-mono")
ICON_FONT_FILES = ("gcds-icons.eot", "gcds-icons.ttf", "gcds-icons.woff", "gcds-icons.svg")

# name in vendor/ -> file in node_modules
SINGLE_FILES = {
    Path("htmx") / "htmx.min.js": NODE_MODULES / "htmx.org" / "dist" / "htmx.min.js",
    # The offline map (network app): d3-geo's UMD build needs d3-array loaded before it (the
    # global `d3`); npm installs d3-array as d3-geo's dependency. world-atlas ships its licence
    # (ISC) and the Natural Earth shapes as TopoJSON; the server-side map reads the same files.
    Path("d3") / "d3-array.min.js": NODE_MODULES / "d3-array" / "dist" / "d3-array.min.js",
    Path("d3") / "d3-geo.min.js": NODE_MODULES / "d3-geo" / "dist" / "d3-geo.min.js",
    Path("d3") / "LICENSE-d3-geo": NODE_MODULES / "d3-geo" / "LICENSE",
    Path("d3") / "LICENSE-d3-array": NODE_MODULES / "d3-array" / "LICENSE",
    Path("topojson") / "topojson-client.min.js": (
        NODE_MODULES / "topojson-client" / "dist" / "topojson-client.min.js"
    ),
    Path("topojson") / "LICENSE": NODE_MODULES / "topojson-client" / "LICENSE",
    **{
        Path("world-atlas") / name: NODE_MODULES / "world-atlas" / name
        for name in ("countries-110m.json", "countries-50m.json", "LICENSE")
    },
}

GOOGLE_FONTS_IMPORT = re.compile(
    r"""@import\s+url\(\s*["']?https://fonts\.googleapis\.com/[^)]*\)\s*;"""
)
ICON_CDN = re.compile(r"https://cdn\.design-system\.canada\.ca/@gcds-core/fonts@[^/]+/icons/")
# The font packages ship their CSS with placeholders for the folder of the font files.
FONT_PATH_PLACEHOLDER = re.compile(r"(?:path/to/file|<path-to-file>)/")
# gcds-topic-menu asks canada.ca for its menu and falls back to a bundled copy when that fails;
# the product never uses it, but the request must not be possible.
TOPIC_MENU_FETCH = re.compile(
    r"fetch\(`https://www\.canada\.ca/content/dam/canada/sitemenu/[^`]*`\)"
)

# References a browser would follow: CSS url()/@import, and script imports and fetches.
CSS_OUTSIDE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//""", re.IGNORECASE)
JS_OUTSIDE = re.compile(
    r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s+|\bfetch\s*\(\s*|\bimportScripts\s*\(\s*"""
    r"""|\bnew\s+(?:Worker|EventSource|WebSocket)\s*\(\s*)["'`](?:https?:|wss?:)?//""",
    re.IGNORECASE,
)


class VendorError(Exception):
    """A file is missing, or a copied file still refers to the internet."""


def require(path: Path) -> Path:
    if not path.is_file():
        raise VendorError(f"expected file is missing: {path.relative_to(ROOT)} (run `npm ci`)")
    return path


def copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(require(source), target)
    return target


def rewrite(path: Path, *substitutions: tuple[re.Pattern[str], str], expect: bool = True) -> None:
    """Apply each substitution to the file; each must match at least once when `expect`."""
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in substitutions:
        text, count = pattern.subn(replacement, text)
        if expect and not count:
            raise VendorError(
                f"{path.relative_to(ROOT)}: expected {pattern.pattern!r} to match; "
                "the package changed, review scripts/vendor_static.py"
            )
    path.write_text(text, encoding="utf-8")


def vendor_gcds() -> None:
    target = VENDOR / "gcds"
    require(GCDS_DIST / "gcds.css")
    require(GCDS_DIST / "gcds.esm.js")
    for source in sorted(GCDS_DIST.glob("*.js")):
        copy(source, target / source.name)
    css = copy(GCDS_DIST / "gcds.css", target / "gcds.css")
    font_imports = "".join(
        f'@import url("../fonts/{name}/gcds-{name}.css");' for name in TEXT_FONTS
    )
    rewrite(css, (GOOGLE_FONTS_IMPORT, font_imports), (ICON_CDN, "../fonts/icons/"))
    entries = sorted(target.glob("*.entry.js"))
    if not entries:
        raise VendorError("no gcds *.entry.js chunk was copied; the package layout changed")
    for entry in entries:
        rewrite(entry, (TOPIC_MENU_FETCH, 'Promise.reject(new Error("offline"))'), expect=False)


def vendor_fonts() -> None:
    for name in TEXT_FONTS:
        source_dir = FONTS_DIST / name
        files = sorted(source_dir.glob("*.woff*"))
        if not files:
            raise VendorError(f"no font files in {source_dir.relative_to(ROOT)}")
        for source in files:
            copy(source, VENDOR / "fonts" / name / source.name)
        copy(source_dir / "LICENSE.txt", VENDOR / "fonts" / name / "LICENSE.txt")
        css = copy(source_dir / f"gcds-{name}.css", VENDOR / "fonts" / name / f"gcds-{name}.css")
        rewrite(css, (FONT_PATH_PLACEHOLDER, ""))
    for file_name in (*ICON_FONT_FILES, "LICENSE.txt"):
        copy(FONTS_DIST / "icons" / file_name, VENDOR / "fonts" / "icons" / file_name)


def vendor_single_files() -> None:
    for name, source in SINGLE_FILES.items():
        copy(source, VENDOR / name)


def outside_references() -> list[str]:
    """Every place in a copied stylesheet or script that would make the browser go outside."""
    problems = []
    for path in sorted(VENDOR.rglob("*")):
        pattern = {".css": CSS_OUTSIDE, ".js": JS_OUTSIDE}.get(path.suffix)
        if pattern is None:
            continue
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            snippet = text[match.start() : match.end() + 80].splitlines()[0]
            problems.append(f"{path.relative_to(ROOT)}: {snippet}")
    return problems


def main() -> int:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    try:
        vendor_gcds()
        vendor_fonts()
        vendor_single_files()
        problems = outside_references()
        if problems:
            raise VendorError(
                "copied files still refer to the internet:\n  " + "\n  ".join(problems)
            )
    except VendorError as error:
        print(f"vendor_static: {error}", file=sys.stderr)
        return 1
    count = sum(1 for path in VENDOR.rglob("*") if path.is_file())
    print(f"vendor_static: {count} files in {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
