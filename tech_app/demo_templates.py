"""Checklist templates of the demo set, one per kind of visit in the service documents."""

from __future__ import annotations

from decimal import Decimal as D

from tech_app import oil_test
from tech_app.records import ChecklistItem as Item
from tech_app.records import ChecklistTemplate, ChoiceLabel
from tech_app.vocab import ItemKind as K
from tech_app.vocab import OilVerdict


def _labels(*words: tuple[str, str, str]) -> tuple[ChoiceLabel, ...]:
    """(key, English, Chinese) for each choice: what the screen and the slip show."""
    return tuple(ChoiceLabel(key=k, label=en, label_zh=zh) for k, en, zh in words)


FORKLIFT_QUARTERLY = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000001",
    code="forklift-quarterly",
    title="Forklift quarterly maintenance",
    title_zh="叉车季度保养",
    items=(
        Item(
            key="hour_meter",
            label="Hour meter",
            label_zh="小时表读数",
            kind=K.NUMBER,
            unit="h",
            minimum=D(0),
            required=True,
            tolerance=D(600),
        ),
        Item(
            key="hydraulic_oil",
            label="Hydraulic oil level OK",
            label_zh="液压油位正常",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="fork_wear",
            label="Fork heel wear",
            label_zh="货叉根部磨损",
            kind=K.NUMBER,
            unit="%",
            minimum=D(0),
            maximum=D(10),
            required=True,
            tolerance=D(3),
        ),
        Item(
            key="brake_test",
            label="Brake test",
            label_zh="制动测试",
            kind=K.CHOICE,
            choices=("pass", "adjusted", "fail"),
            choice_labels=_labels(
                ("pass", "Pass", "合格"),
                ("adjusted", "Adjusted", "已调整"),
                ("fail", "Fail", "不合格"),
            ),
            required=True,
        ),
        Item(
            key="tyre_tread",
            label="Tyre tread depth",
            label_zh="轮胎花纹深度",
            kind=K.NUMBER,
            unit="mm",
            minimum=D(5),
            maximum=D(30),
        ),
        Item(
            key="mast_chain",
            label="Mast chains lubricated",
            label_zh="门架链条已润滑",
            kind=K.YES_NO,
        ),
        Item(key="recommendation", label="Recommended actions", label_zh="建议措施", kind=K.TEXT),
        Item(key="photo", label="Photo of data plate", label_zh="铭牌照片", kind=K.PHOTO),
    ),
)

SOLAR_HEATER_REPAIR = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000002",
    code="solar-heater-repair",
    title="Solar water heater repair",
    title_zh="太阳能热水器维修",
    items=(
        Item(
            key="tank_leak", label="Tank leaking", label_zh="水箱漏水", kind=K.YES_NO, required=True
        ),
        Item(
            key="tubes_intact",
            label="Collector tubes intact",
            label_zh="集热管完好",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="water_pressure",
            label="Supply water pressure",
            label_zh="进水压力",
            kind=K.NUMBER,
            unit="MPa",
            minimum=D("0.1"),
            maximum=D("0.6"),
            required=True,
        ),
        Item(
            key="water_temp",
            label="Outlet water temperature",
            label_zh="出水温度",
            kind=K.NUMBER,
            unit="°C",
            minimum=D(35),
            maximum=D(95),
        ),
        Item(
            key="cause",
            label="Cause found",
            label_zh="故障原因",
            kind=K.CHOICE,
            choices=(
                "quality",
                "installation",
                "user dismantling",
                "misuse",
                "abnormal water supply",
                "wear",
            ),
            choice_labels=_labels(
                ("quality", "Quality fault", "质量问题"),
                ("installation", "Installation fault", "安装问题"),
                ("user dismantling", "Dismantled by the user", "用户自行拆修"),
                ("misuse", "Misuse", "使用不当"),
                ("abnormal water supply", "Abnormal water supply", "水压或水质异常"),
                ("wear", "Normal wear", "正常磨损"),
            ),
        ),
        Item(key="photo", label="Photo of the fault", label_zh="故障照片", kind=K.PHOTO),
    ),
)

STOVE_REPAIR = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000003",
    code="stove-repair",
    title="Gas stove repair",
    title_zh="燃气灶维修",
    items=(
        Item(
            key="battery_voltage",
            label="Ignition battery voltage",
            label_zh="点火电池电压",
            kind=K.NUMBER,
            unit="V",
            minimum=D("1.3"),
            maximum=D("1.65"),
            required=True,
        ),
        Item(
            key="battery_polarity",
            label="Battery fitted the right way round",
            label_zh="电池正负极正确",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="gas_leak_test",
            label="Gas leak test passed",
            label_zh="燃气泄漏检测合格",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="flame",
            label="Flame colour",
            label_zh="火焰颜色",
            kind=K.CHOICE,
            choices=("blue", "yellow", "orange"),
            choice_labels=_labels(
                ("blue", "Blue", "蓝色"), ("yellow", "Yellow", "黄色"), ("orange", "Orange", "橙色")
            ),
        ),
        Item(key="burner_cleaned", label="Burner cleaned", label_zh="炉头已清洁", kind=K.YES_NO),
    ),
)

PRINTER_INSTALL = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000004",
    code="printer-install",
    title="Printer installation and commissioning",
    title_zh="打印机安装调试",
    items=(
        Item(
            key="driver",
            label="Driver installed on user PCs",
            label_zh="驱动已安装",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="connection",
            label="Connection",
            label_zh="连接方式",
            kind=K.CHOICE,
            choices=("USB", "Wi-Fi", "Ethernet"),
            choice_labels=_labels(
                ("USB", "USB", "USB"),
                ("Wi-Fi", "Wi-Fi", "Wi-Fi"),
                ("Ethernet", "Ethernet", "有线网络"),
            ),
            required=True,
        ),
        Item(
            key="test_page",
            label="Test page printed",
            label_zh="测试页已打印",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="user_trained",
            label="User shown daily use",
            label_zh="已指导用户使用",
            kind=K.YES_NO,
        ),
    ),
)

DISPENSER_CLEANING = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000005",
    code="dispenser-cleaning",
    title="Water dispenser cleaning",
    title_zh="饮水机清洗",
    items=(
        Item(
            key="disinfected",
            label="Tank and lines disinfected",
            label_zh="水箱及管路已消毒",
            kind=K.YES_NO,
            required=True,
        ),
        Item(key="filter_replaced", label="Filter replaced", label_zh="已更换滤芯", kind=K.YES_NO),
        Item(
            key="tds",
            label="Water TDS after cleaning",
            label_zh="清洗后TDS值",
            kind=K.NUMBER,
            unit="ppm",
            minimum=D(0),
            maximum=D(50),
            required=True,
        ),
        Item(
            key="card_punched",
            label="Cleaning card stamped",
            label_zh="清洗卡已盖章",
            kind=K.YES_NO,
            required=True,
        ),
    ),
)

JEWELLERY_REGISTRATION = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000006",
    code="jewellery-registration",
    title="Jewellery service registration",
    title_zh="珠宝售后服务登记表",
    items=(
        Item(key="product", label="Product name", label_zh="产品名称", kind=K.TEXT, required=True),
        Item(
            key="material",
            label="Material",
            label_zh="材质",
            kind=K.CHOICE,
            choices=("18K gold", "pure gold", "platinum", "silver"),
            choice_labels=_labels(
                ("18K gold", "18K gold", "18K 金"),
                ("pure gold", "Pure gold", "足金"),
                ("platinum", "Platinum", "铂金"),
                ("silver", "Silver", "银"),
            ),
            required=True,
        ),
        Item(
            key="stone_size",
            label="Main stone size",
            label_zh="主石大小",
            kind=K.NUMBER,
            unit="ct",
            minimum=D(0),
            maximum=D(10),
        ),
        Item(
            key="stone_grade",
            label="Stone colour and clarity",
            label_zh="主石颜色与净度",
            kind=K.TEXT,
        ),
        Item(
            key="service",
            label="Requested service",
            label_zh="服务项目",
            kind=K.CHOICE,
            choices=("resize", "clean", "polish", "repair", "re-set stone"),
            choice_labels=_labels(
                ("resize", "Resize", "改圈口"),
                ("clean", "Clean", "清洗"),
                ("polish", "Polish", "抛光"),
                ("repair", "Repair", "修理"),
                ("re-set stone", "Re-set stone", "重新镶石"),
            ),
            required=True,
        ),
        Item(
            key="size_before",
            label="Ring size before",
            label_zh="原圈口",
            kind=K.NUMBER,
            minimum=D(5),
            maximum=D(30),
        ),
        Item(
            key="size_after",
            label="Ring size after",
            label_zh="改后圈口",
            kind=K.NUMBER,
            minimum=D(5),
            maximum=D(30),
        ),
        Item(
            key="other_problems", label="Other problems noticed", label_zh="其他问题", kind=K.TEXT
        ),
    ),
)

# Seeds 000/002: the free oil test — equipment, oil, hours since the last change, the
# sample, readings on site, and when the oil is due for a change (tech_app.oil_test).
OIL_TESTING = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000007",
    code=oil_test.TEMPLATE_CODE,
    title="Oil test (free)",
    title_zh="油品检测（免费）",
    items=(
        Item(
            key=oil_test.EQUIPMENT,
            label="Equipment sampled",
            label_zh="取样设备",
            kind=K.TEXT,
            required=True,
        ),
        Item(
            key=oil_test.OIL,
            label="Oil",
            label_zh="油品",
            kind=K.CHOICE,
            choices=("hydraulic", "gear", "turbine", "engine"),
            choice_labels=_labels(
                ("hydraulic", "Hydraulic oil", "液压油"),
                ("gear", "Gear oil", "齿轮油"),
                ("turbine", "Turbine oil", "汽轮机油"),
                ("engine", "Engine oil", "发动机油"),
            ),
            required=True,
        ),
        Item(
            key=oil_test.HOURS_SINCE_CHANGE,
            label="Hours since the last oil change",
            label_zh="上次换油后运行小时数",
            kind=K.NUMBER,
            unit="h",
            minimum=D(0),
            required=True,
        ),
        Item(
            key=oil_test.SAMPLE_TAKEN,
            label="Used-oil sample taken",
            label_zh="已抽取废油油样",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="viscosity_40c",
            label="Viscosity at 40 °C (ISO VG 46)",
            label_zh="40 °C 运动黏度（ISO VG 46）",
            kind=K.NUMBER,
            unit="mm²/s",
            minimum=D("41.4"),
            maximum=D("50.6"),
        ),
        Item(
            key="water_content",
            label="Water content",
            label_zh="水分",
            kind=K.NUMBER,
            unit="%",
            minimum=D(0),
            maximum=D("0.1"),
        ),
        Item(
            key="contamination_nas",
            label="Particle contamination (NAS class)",
            label_zh="颗粒污染度（NAS 等级）",
            kind=K.NUMBER,
            minimum=D(0),
            maximum=D(9),
        ),
        Item(
            key="acid_number",
            label="Acid number",
            label_zh="酸值",
            kind=K.NUMBER,
            unit="mg KOH/g",
            minimum=D(0),
            maximum=D("2.0"),
        ),
        Item(
            key=oil_test.VERDICT,
            label="Result",
            label_zh="检测结论",
            kind=K.CHOICE,
            choices=tuple(v.value for v in OilVerdict),
            choice_labels=_labels(
                ("ok", "Fit for further use", "可继续使用"),
                ("change_soon", "Change due soon", "即将到换油期"),
                ("change_now", "Change now", "立即换油"),
            ),
            required=True,
        ),
        Item(
            key=oil_test.CHANGE_DUE_HOURS,
            label="Oil change due in",
            label_zh="距换油期",
            kind=K.NUMBER,
            unit="h",
            minimum=D(0),
        ),
        Item(
            key=oil_test.RECOMMENDATION,
            label="Recommendation",
            label_zh="建议",
            kind=K.TEXT,
        ),
    ),
)

# Seed 003: the equipment-support contract's quarterly inspection (巡检): the operating
# parameters of the last period, faults found, the customer's optimisation, a report.
IT_INSPECTION = ChecklistTemplate(
    id="6f1c2a0e-1d5b-4c55-9a51-0a1f00000008",
    code="it-inspection",
    title="Quarterly equipment inspection",
    title_zh="设备季度巡检",
    items=(
        Item(
            key="page_count",
            label="Page counter",
            label_zh="打印计数器",
            kind=K.NUMBER,
            minimum=D(0),
            required=True,
        ),
        Item(
            key="errors_logged",
            label="Errors in the log since the last round",
            label_zh="上次巡检以来的故障记录数",
            kind=K.NUMBER,
            minimum=D(0),
            maximum=D(5),
            required=True,
        ),
        Item(
            key="firmware_current",
            label="Firmware up to date",
            label_zh="固件为最新版本",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="cleaned",
            label="Paper path and rollers cleaned",
            label_zh="已清洁走纸通道和搓纸轮",
            kind=K.YES_NO,
            required=True,
        ),
        Item(
            key="recommendation",
            label="Recommended actions",
            label_zh="建议措施",
            kind=K.TEXT,
        ),
    ),
)

ALL_TEMPLATES = (
    FORKLIFT_QUARTERLY,
    SOLAR_HEATER_REPAIR,
    STOVE_REPAIR,
    PRINTER_INSTALL,
    DISPENSER_CLEANING,
    JEWELLERY_REGISTRATION,
    OIL_TESTING,
    IT_INSPECTION,
)
