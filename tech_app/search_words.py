"""The words people search jobs by that the records hold only as codes or in one language.

A job type is stored as ``repair``; a technician types 维修 or 維修. An asset category
is stored as the catalogue writes it (``solar water heater``); a technician types
热水器. These are search vocabulary, not screen words: the index holds them so that a
word in either language finds the job (the screens word the codes through Qt
Linguist). A category not listed is searchable by its own words only.
"""

from __future__ import annotations

from tech_app.vocab import JobType

# The code first, then the Chinese word the screens use, then other words people type.
JOB_TYPE_WORDS: dict[JobType, tuple[str, ...]] = {
    JobType.INSTALLATION: ("installation", "安装调试", "安装", "调试", "安裝", "調試", "install"),
    JobType.REPAIR: ("repair", "维修", "維修", "修理", "报修", "報修"),
    JobType.MAINTENANCE: ("maintenance", "保养", "保養", "维护", "維護", "service"),
    JobType.INSPECTION: ("inspection", "巡检", "巡檢", "检查", "檢查"),
    JobType.CLEANING: ("cleaning", "清洗", "清洁", "清潔", "clean"),
    JobType.FOLLOW_UP: ("follow-up", "回访", "回訪"),
    JobType.GUIDANCE: ("guidance", "技术指导", "技術指導", "指导", "指導"),
    JobType.OIL_TESTING: ("oil-testing", "油品检测", "油品檢測", "油样", "油樣", "oil"),
    JobType.COMPLAINT: ("complaint", "投诉", "投訴", "咨询", "諮詢", "enquiry"),
    JobType.TRAINING: ("training", "培训", "培訓", "操作培训", "操作培訓"),
}

# Keys are folded category names (lower case); a category matches the first entry
# whose key it contains, so "solar water heater" also gets the heater words.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "solar water heater": ("太阳能热水器", "太陽能熱水器", "热水器", "熱水器", "太阳能"),
    "water heater": ("热水器", "熱水器"),
    "heater": ("热水器", "熱水器"),
    "gas stove": ("燃气灶", "燃氣灶", "灶具", "煤气灶", "炉灶"),
    "stove": ("灶具", "燃气灶", "燃氣灶"),
    "forklift": ("叉车", "叉車"),
    "printer": ("打印机", "打印機", "印表机", "印表機"),
    "water dispenser": ("饮水机", "飲水機"),
    "jewellery": ("首饰", "首飾", "珠宝", "珠寶", "戒指", "jewelry"),
    "air conditioner": ("空调", "空調"),
}


def job_type_words(job_type: str) -> tuple[str, ...]:
    try:
        return JOB_TYPE_WORDS[JobType(job_type)]
    except ValueError:
        return (job_type,)


def category_words(category: str) -> tuple[str, ...]:
    folded = category.strip().lower()
    for key, words in CATEGORY_WORDS.items():
        if key in folded:
            return words
    return ()
