"""Finding a Chinese TrueType font to embed in slips, on Windows, macOS and Linux.

ReportLab embeds (and subsets) TrueType fonts only: a font whose outlines are
CFF ("postscript outlines are not supported") is refused, and its built-in CID
fonts are not embedded at all, so a slip printed with them shows no text on a
machine without Adobe's CMap data. We therefore look for a TrueType-outline
font that covers simplified and traditional Chinese, in this order:

1. ``TECH_APP_CJK_FONT`` (environment) or the profile setting ``cjk_font``:
   ``PATH`` or ``PATH#INDEX`` (INDEX = face inside a .ttc). An override that
   does not work is an error, never silently replaced by another font.
2. A font bundled with the app in ``reports/fonts_data/`` (installers may ship
   WenQuanYi Micro Hei there; see docs/fonts.md).
3. Well-known system files for the platform (``SYSTEM_CANDIDATES``).
4. On systems with fontconfig, whatever ``fc-list :lang=zh`` reports.

The first font that loads and has glyphs for the probe characters wins. See
docs/fonts.md for what is verified and what is not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from tech_app.errors import TechAppError

CJK_FONT_ENV: Final = "TECH_APP_CJK_FONT"
CJK_FONT_SETTING: Final = "cjk_font"
BUNDLED_DIR: Final = Path(__file__).parent / "fonts_data"
# Simplified and traditional forms (国/國, 号/號) plus the marker and stars the
# slip prints: a font that lacks any of them would print boxes.
PROBE_TEXT: Final = "王建国國号號▲★☆¥"

_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int = 0  # the face inside a TrueType collection (.ttc)

    def __str__(self) -> str:
        return f"{self.path}#{self.subfont_index}" if self.subfont_index else str(self.path)

    @classmethod
    def parse(cls, text: str) -> FontFile:
        """``/path/font.ttc`` or ``/path/font.ttc#1``."""
        path, _, index = text.strip().partition("#")
        return cls(Path(path).expanduser(), int(index) if index.strip().isdigit() else 0)


def _faces(folder: Path, *names: str) -> tuple[FontFile, ...]:
    return tuple(FontFile(folder / name) for name in names)


SYSTEM_CANDIDATES: Final[Mapping[str, tuple[FontFile, ...]]] = {
    # Microsoft YaHei / JhengHei and SimSun ship with every Chinese-capable
    # Windows; YaHei is a .ttc since Windows 8 (a .ttf on Windows 7).
    "win32": _faces(
        _WINDOWS_FONTS,
        "msyh.ttc",
        "msyh.ttf",
        "msjh.ttc",
        "msjh.ttf",
        "simhei.ttf",
        "simsun.ttc",
        "mingliu.ttc",
    ),
    # PingFang and Hiragino Sans GB are CFF-based and fail in ReportLab;
    # STHeiti and Songti are reported to work (not verified here).
    "darwin": (
        FontFile(Path("/System/Library/Fonts/STHeiti Light.ttc")),
        FontFile(Path("/System/Library/Fonts/STHeiti Medium.ttc")),
        FontFile(Path("/System/Library/Fonts/Supplemental/Songti.ttc")),
        FontFile(Path("/Library/Fonts/Arial Unicode.ttf")),
        FontFile(Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf")),
    ),
    # Debian/Ubuntu paths first, then Fedora and Arch. Noto Sans CJK is left out
    # on purpose: Debian ships it as CFF (.ttc of OpenType/CFF faces).
    "linux": (
        FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")),
        FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")),
        FontFile(Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")),
        FontFile(Path("/usr/share/fonts/truetype/arphic/uming.ttc")),
        FontFile(Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc")),
        FontFile(Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc")),
        FontFile(Path("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf")),
        FontFile(Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc")),
        FontFile(Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc")),
    ),
}

INSTALL_HINT: Final[Mapping[str, str]] = {
    "win32": "Windows normally has Microsoft YaHei (C:\\Windows\\Fonts\\msyh.ttc); add the "
    "Chinese supplemental fonts in Settings > Apps > Optional features",
    "darwin": "macOS normally has STHeiti (/System/Library/Fonts/STHeiti Light.ttc); "
    "reinstall it with Font Book",
    "linux": "install WenQuanYi Micro Hei: 'sudo apt install fonts-wqy-microhei' "
    "(Debian/Ubuntu) or 'sudo dnf install wqy-microhei-fonts' (Fedora)",
}


class FontNotFoundError(TechAppError):
    """No usable Chinese TrueType font: the message says what to install or set."""


def _platform_key(platform: str) -> str:
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "linux"


def load_font(font: FontFile, name: str = "probe") -> TTFont:
    """Load ``font`` as an embeddable TrueType font that covers ``PROBE_TEXT``.

    Raises FontNotFoundError saying why the file cannot be used.
    """
    if not font.path.is_file():
        raise FontNotFoundError(f"{font}: no such file")
    try:
        loaded = TTFont(name, str(font.path), subfontIndex=font.subfont_index)
    except (TTFError, OSError, ValueError) as exc:
        raise FontNotFoundError(f"{font}: {exc}") from None
    glyphs = loaded.face.charToGlyph
    missing = "".join(ch for ch in PROBE_TEXT if ord(ch) not in glyphs)
    if missing:
        raise FontNotFoundError(f"{font}: has no glyphs for {missing}")
    return loaded


def _fontconfig_candidates() -> tuple[FontFile, ...]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listed = subprocess.run(
            [fc_list, ":lang=zh", "file", "index"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in sorted(listed.splitlines()):
        # "path: :index=N" — the order of the two fields is fontconfig's.
        path, _, rest = line.partition(":")
        index = rest.split("index=")[-1].strip() if "index=" in rest else "0"
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontFile(Path(path.strip()), int(index) if index.isdigit() else 0))
    return tuple(found)


def candidate_fonts(platform: str = sys.platform) -> tuple[FontFile, ...]:
    """Where to look, best first (the override is handled by ``find_cjk_font``)."""
    bundled = (
        tuple(
            FontFile(p)
            for p in sorted(BUNDLED_DIR.glob("*"))
            if p.suffix.lower() in (".ttf", ".ttc")
        )
        if BUNDLED_DIR.is_dir()
        else ()
    )
    return bundled + SYSTEM_CANDIDATES[_platform_key(platform)]


@dataclass(frozen=True)
class FoundFont:
    file: FontFile
    font: TTFont


def find_cjk_font(
    *,
    setting: str | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    candidates: Iterable[FontFile] | None = None,
) -> FoundFont:
    """The font to embed; raises FontNotFoundError naming what to install."""
    env = os.environ if environ is None else environ
    for source, value in ((CJK_FONT_ENV, env.get(CJK_FONT_ENV)), (CJK_FONT_SETTING, setting)):
        if value and value.strip():
            chosen = FontFile.parse(value)
            try:
                return FoundFont(chosen, load_font(chosen))
            except FontNotFoundError as exc:
                raise FontNotFoundError(
                    f"the CJK font set by {source} cannot be used: {exc}. Point it to a .ttf or "
                    ".ttc font with TrueType outlines and Chinese glyphs, or unset it."
                ) from None
    tried: list[str] = []
    pool = tuple(candidate_fonts(platform) if candidates is None else candidates)
    for chosen in pool:
        if not chosen.path.is_file():
            continue
        try:
            return FoundFont(chosen, load_font(chosen))
        except FontNotFoundError as exc:
            tried.append(str(exc))
    if candidates is None and _platform_key(platform) != "win32":
        for chosen in _fontconfig_candidates():
            if chosen in pool:
                continue
            try:
                return FoundFont(chosen, load_font(chosen))
            except FontNotFoundError as exc:
                tried.append(str(exc))
    detail = f" Tried: {'; '.join(tried)}." if tried else ""
    raise FontNotFoundError(
        "no Chinese TrueType font found for printing slips: "
        f"{INSTALL_HINT[_platform_key(platform)]}, or set {CJK_FONT_ENV} to a .ttf/.ttc "
        f"file with TrueType outlines (CFF/OpenType fonts such as Noto Sans CJK do not "
        f"work).{detail}"
    )


_registered: dict[FontFile, str] = {}
_resolved: dict[tuple[str | None, str | None], str] = {}


def register_cjk_font(setting: str | None = None) -> str:
    """Register the CJK font with ReportLab once per process; return its font name.

    The search runs once per (environment override, setting): loading a 5 MB
    collection takes about 0.1 s, far more than drawing a slip. Bold and
    italic map to the same face: CJK fonts rarely ship them, and a missing
    mapping would make ``<b>`` in a paragraph fail.
    """
    request = (os.environ.get(CJK_FONT_ENV), setting)
    name = _resolved.get(request)
    if name is not None:
        return name
    found = find_cjk_font(setting=setting)
    name = _registered.get(found.file)
    if name is None:
        name = f"TechAppCJK{len(_registered) or ''}"
        # TTFont takes its name at construction; reuse the probe load under the final name.
        found.font.fontName = name
        pdfmetrics.registerFont(found.font)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        _registered[found.file] = name
    _resolved[request] = name
    return name
