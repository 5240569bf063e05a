"""索引号 (index numbers): one configurable scheme per platform (reference §4.2, practice §2.4).

No single national scheme exists (practice §2.4): the 目录系统实施指引 gives "前段码/后段码" with
the 9-character 组织机构代码, a 4-digit year and a 5-digit serial; real sites use the 18-character
统一社会信用代码, the 6-digit 区划 code, or letters of their own. The platform therefore sets
``GONGKAI_INDEX_SCHEME`` (docs/catalog.md) and every body's numbers follow it:

    <prefix><separator><year><year_separator><serial, zero-padded to serial_width>

``prefix`` names the source: "uscc" (统一社会信用代码), "org_code" (组织机构代码, characters
9–17 of the USCC), "division" (行政区划代码, characters 3–8 of the USCC, GB 32100-2015) or
"manual" (the body's own prefix, set on its catalog profile). A number, once issued, is never
changed or reused (指引: "一经生成不因发布机构变更而更改"); imported legacy numbers are kept as
they are. This module is plain Python; the model allocates serials under a row lock.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX_SOURCES = ("uscc", "org_code", "division", "manual")

DEFAULT_SCHEME = {
    "prefix": "org_code",
    "separator": "/",
    "year_separator": "-",
    "serial_width": 5,
}


@dataclass(frozen=True)
class IndexScheme:
    prefix: str = "org_code"
    separator: str = "/"
    year_separator: str = "-"
    serial_width: int = 5

    def __post_init__(self):
        if self.prefix not in PREFIX_SOURCES:
            raise ValueError(
                f"索引号前段码来源无效：{self.prefix!r}（可选：{'、'.join(PREFIX_SOURCES)}）"
            )
        if not 1 <= int(self.serial_width) <= 10:
            raise ValueError("索引号流水号位数应在 1 到 10 之间")

    @classmethod
    def from_dict(cls, data: dict | None) -> IndexScheme:
        return cls(**{**DEFAULT_SCHEME, **(data or {})})

    def prefix_for(self, *, uscc: str = "", manual: str = "") -> str:
        """The 前段码 of a body from its codes; empty when the source is missing."""
        uscc = (uscc or "").upper()
        if self.prefix == "manual":
            return manual.strip()
        if len(uscc) != 18:
            return manual.strip()  # a body without a USCC falls back to its manual prefix
        return {"uscc": uscc, "org_code": uscc[8:17], "division": uscc[2:8]}[self.prefix]

    def format(self, prefix: str, year: int, serial: int) -> str:
        """The 索引号 for a serial: "000014349/2018-00222" with the national defaults."""
        number = f"{year}{self.year_separator}{serial:0{self.serial_width}d}"
        return f"{prefix}{self.separator}{number}" if prefix else number
