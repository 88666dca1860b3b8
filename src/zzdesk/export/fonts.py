"""Font roles (界面, 黑体, 宋体/小标宋, 仿宋, 楷体) and the bundled open fonts behind them.

Installed office fonts are preferred when present; otherwise the bundled OFL
fonts are used and the font report says so.  Families are always named
explicitly: left to itself fontconfig picks the Japanese face of Noto CJK.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase

from zzdesk import paths

BUNDLED_FILES = ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf", "NotoSerifSC-Regular.otf",
                 "NotoSerifSC-Bold.otf", "ZZDeskKai-Regular.ttf", "ZhuqueFangsong-Regular.ttf")
# The bundled file each print role is drawn from where it stands in (黑体 in the regular weight, 小标宋 in
# the bold one, see role_font): what a DOCX embeds for the office family of the role.
PRINT_FILES = {"fangsong": "ZhuqueFangsong-Regular.ttf", "kaiti": "ZZDeskKai-Regular.ttf",
               "heiti": "NotoSansSC-Regular.otf", "xiaobiaosong": "NotoSerifSC-Bold.otf",
               "songti": "NotoSerifSC-Regular.otf"}
# What the font report calls each bundled family: every one is a subset (GB2312, 〇, the report texts).
BUNDLED_NAMES = {
    "Noto Sans CJK SC": "Noto Sans CJK SC（思源黑体）子集",
    "Noto Serif CJK SC": "Noto Serif CJK SC（思源宋体）子集",
    "ZZDesk Kai": "ZZDesk Kai（霞鹜文楷）子集",
    "Zhuque Fangsong": "朱雀仿宋 Zhuque Fangsong 0.211 子集",
}

# role -> (label, installed families in order of preference, bundled fallback)
ROLES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "ui": ("界面", ("Microsoft YaHei", "微软雅黑", "PingFang SC", "Source Han Sans SC"), "Noto Sans CJK SC"),
    "heiti": ("黑体", ("SimHei", "黑体", "Heiti SC", "STHeiti"), "Noto Sans CJK SC"),
    "xiaobiaosong": ("小标宋", ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong"),
                     "Noto Serif CJK SC"),
    "songti": ("宋体", ("SimSun", "宋体", "STSong", "华文宋体"), "Noto Serif CJK SC"),
    "fangsong": ("仿宋", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋"),
                 "Zhuque Fangsong"),
    "kaiti": ("楷体", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"), "ZZDesk Kai"),
}


@dataclass(frozen=True)
class RoleFont:
    role: str
    label: str
    family: str
    bundled: bool

    @property
    def note(self) -> str:
        if self.bundled:
            return f"{self.label}：未安装，改用随程序提供的 {BUNDLED_NAMES.get(self.family, self.family)}"
        return f"{self.label}：{self.family}"


_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Add the bundled fonts to Qt's database once; returns the families they provide."""
    global _registered
    if _registered is None:
        families: list[str] = []
        for name in BUNDLED_FILES:
            font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / name))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
        _registered = list(dict.fromkeys(families))
    return list(_registered)


def _bundled_families() -> set[str]:
    return set(register_bundled_fonts())


def resolve(role: str) -> RoleFont:
    label, preferred, fallback = ROLES[role]
    installed = set(QFontDatabase.families())
    for family in preferred:
        if family in installed:
            return RoleFont(role, label, family, bundled=False)
    return RoleFont(role, label, fallback, bundled=fallback in _bundled_families())


def font_report() -> list[RoleFont]:
    return [resolve(role) for role in ROLES]


def role_font(role: str, point_size: float, bold: bool = False) -> QFont:
    resolved = resolve(role)
    font = QFont(resolved.family)
    font.setPointSizeF(point_size)
    # 方正小标宋 is heavy by design and never set bold; its bundled stand-in is the bold cut of Noto Serif.
    font.setBold(bold or (role == "xiaobiaosong" and resolved.bundled))
    return font
