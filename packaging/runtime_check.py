"""`zzdesk --check-runtime` in the frozen bundle: what the package trimmed from Qt's ICU data still
works (the Linux build keeps only part of it, see packaging/linux/slim_icu.py).  Run by the smoke
tests; prints one line per check and exits 1 if any fails.  The Windows package has no ICU (Qt uses
the system there), so it has nothing to check.
"""

from __future__ import annotations

import sys


def _checks() -> list[tuple[str, bool]]:
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QStringEncoder, QTimeZone

    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    collator = QCollator(china)
    # Pinyin order (an, bei, kai, luo, shang, zheng); code-point order would put 上 before 北.
    cities = ["郑州", "上海", "洛阳", "北京", "开封", "安阳"]
    pinyin_order = ["安阳", "北京", "开封", "洛阳", "上海", "郑州"]
    numeric = QCollator(china)
    numeric.setNumericMode(True)  # as the file dialog sorts file names
    shanghai = QTimeZone(b"Asia/Shanghai")
    standard, long_name = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
    codecs = ["GB18030", "GBK", "GB2312", "Big5", "windows-1252"]
    return [
        ("QCollator 按拼音排序", sorted(cities, key=collator.sortKey) == pinyin_order),
        ("QCollator 数字顺序", numeric.compare("报告2.docx", "报告10.docx") < 0),
        *((f"QStringDecoder/Encoder {name}", QStringDecoder(name).isValid() and QStringEncoder(name).isValid())
          for name in codecs),
        ("QTimeZone 中文名称", shanghai.displayName(standard, long_name, china) == "中国标准时间"),
        ("QTimeZone 英文名称", shanghai.displayName(standard, long_name, QLocale("en_US")) == "China Standard Time"),
    ]


def main() -> int:
    if sys.platform != "linux":
        print("runtime check: no ICU in this package")
        return 0
    failed = 0
    for label, passed in _checks():
        print(f"{'ok  ' if passed else 'FAIL'} {label}")
        failed += not passed
    return 1 if failed else 0
