"""The 26 areas of the 基层政务公开标准指引 (国办发〔2019〕54号; reference practice.md §1.3).

No official page listing all 26 was found: each name is confirmed by a published 基层 catalog
or a notice, except 医疗卫生 (UNCONFIRMED). The list grows (卫生健康, 涉农资金, 水利 …), so a
template may name an area outside it, and a body may state any area as not covered.
"""

AREAS = (
    "重大建设项目",
    "公共资源交易",
    "财政预决算",
    "安全生产",
    "税收管理",
    "城乡规划",
    "征地补偿",
    "国有土地上房屋征收",
    "农村危房改造",
    "扶贫",
    "救灾",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "就业",
    "社会保险",
    "义务教育",
    "医疗卫生",
    "生态环境",
    "食品药品监管",
    "公共文化服务",
    "市政服务",
    "城市综合执法",
    "公共法律服务",
    "保障性住房",
)

# Areas whose place among the 26 is not confirmed (practice.md §1.3, §7).
UNCONFIRMED_AREAS = frozenset({"医疗卫生"})
