"""A Chinese font for matplotlib charts (notebooks, reports): no tofu boxes, no glyph warnings.

Entry function: ``use_chinese_font() -> str``. It finds a font file with CJK glyphs,
registers it with matplotlib's font manager, makes it the first font of every chart
(``font.family`` = [that family, "sans-serif"], so Latin glyphs it lacks fall back to
DejaVu Sans) and returns its family name.

Where the font comes from, in this order:

1. ``BUNDLED_FONTS``: font files shipped inside PyPI packages, so that
   ``pip install -e '.[notebook]'`` is all a fresh machine needs. The first is
   ``pylopdf-fonts-zh-cn`` (Noto Sans SC Regular, SIL Open Font License 1.1, 17 MB wheel,
   no dependencies).
2. ``SYSTEM_FAMILIES``: CJK fonts matplotlib already knows (installed by the OS, e.g.
   Debian ``fonts-noto-cjk`` or ``fonts-wqy-microhei``).

A candidate is accepted only if its character map covers ``PROBE_TEXT``: a font whose
name says CJK but which lacks the glyphs would still draw boxes.
"""
from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from pipeline.errors import PipelineError

# (importable package, font file inside it) — first found wins.
BUNDLED_FONTS = (
    ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),    # PyPI pylopdf-fonts-zh-cn, OFL-1.1
)

# Family names of CJK fonts commonly installed system-wide, Simplified forms first.
SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",        # Debian/Ubuntu fonts-noto-cjk
    "Noto Sans SC",
    "Source Han Sans SC",      # Adobe release of the same design
    "WenQuanYi Micro Hei",     # Debian fonts-wqy-microhei
    "WenQuanYi Zen Hei",       # Debian fonts-wqy-zenhei
    "Sarasa Gothic SC",
    "PingFang SC",             # macOS
    "Microsoft YaHei",         # Windows
    "SimHei",                  # Windows
)

# Characters every chart of the plan tables uses: must all have glyphs.
PROBE_TEXT = "专栏规划目标人次万亿元个所家名期（）"

INSTALL_HINT = "pip install -e '.[notebook]', or pip install pylopdf-fonts-zh-cn (Noto Sans SC, SIL OFL 1.1)"


class FontNotFoundError(PipelineError):
    """No font with Chinese glyphs could be found for matplotlib."""


def use_chinese_font() -> str:
    """Register a CJK font with matplotlib, make it the default and return its family name.

    Raises FontNotFoundError naming what was tried and how to install a font.
    """
    from matplotlib import rcParams

    family = _register(_find_font_file())
    rcParams["font.family"] = [family, "sans-serif"]
    rcParams["axes.unicode_minus"] = True
    return family


@functools.lru_cache(maxsize=1)
def _find_font_file() -> Path:
    for path in _bundled_paths() + _system_paths():
        if _covers(path, PROBE_TEXT):
            return path
    tried = ", ".join([f"{pkg}/{name}" for pkg, name in BUNDLED_FONTS] + list(SYSTEM_FAMILIES))
    raise FontNotFoundError(f"no font with Chinese glyphs found for matplotlib (tried {tried}); "
                            f"install one: {INSTALL_HINT}")


def _bundled_paths() -> list[Path]:
    paths = []
    for package, name in BUNDLED_FONTS:
        try:
            resource = importlib.resources.files(package) / name
        except ModuleNotFoundError:
            continue
        if resource.is_file():
            paths.append(Path(str(resource)))
    return paths


def _system_paths() -> list[Path]:
    from matplotlib import font_manager

    by_family: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        by_family.setdefault(entry.name, []).append(entry.fname)
    paths = []
    for family in SYSTEM_FAMILIES:
        paths.extend(Path(fname) for fname in sorted(by_family.get(family, [])))
    return paths


def _covers(path: Path, text: str) -> bool:
    from matplotlib import ft2font

    try:
        charmap = ft2font.FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError):
        return False
    return all(ord(ch) in charmap for ch in text)


def _register(path: Path) -> str:
    from matplotlib import font_manager

    if all(entry.fname != str(path) for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()
