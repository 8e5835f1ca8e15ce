"""The console's words: English messages as keys, their Simplified Chinese beside them.

Templates and routes say ``_("Dispatch board")``; the language is the user's choice
(a cookie) or else the browser's ``Accept-Language``. Codes from the core (a status, a
job type, an SLA state, a promise name) are worded through ``CODE_WORDS`` first, so no
code reaches a screen. ``tests/sync/console/test_i18n.py`` fails when a message used
in a template or route has no Chinese.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("zh_CN", "en")
DEFAULT = "en"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}

# Codes the core stores, as the English message the catalogue translates.
CODE_WORDS: dict[str, dict[str, str]] = {
    "status": {
        "new": "New",
        "assigned": "Assigned",
        "en_route": "En route",
        "on_site": "On site",
        "waiting_parts": "Waiting for parts",
        "completed": "Completed",
        "signed": "Signed",
        "cancelled": "Cancelled",
    },
    "job_type": {
        "installation": "Installation",
        "repair": "Repair",
        "maintenance": "Maintenance",
        "inspection": "Inspection",
        "cleaning": "Cleaning",
        "follow_up": "Follow-up",
        "guidance": "Guidance",
    },
    "sla_state": {
        "on_track": "On track",
        "at_risk": "At risk",
        "met": "Met",
        "breached": "Breached",
    },
    "promise": {
        "reply": "Reply",
        "plan": "Solution plan",
        "resolved": "Resolved",
        "follow_up": "Follow-up call",
        "phone_response": "Phone response",
        "on_site": "On site",
        "repaired_or_replaced": "Repaired or replaced",
    },
    "follow_up": {
        "call": "Phone call",
        "visit": "Visit",
        "jewellery_check": "Jewellery check reminder",
    },
    "stock_move": {
        "use": "Used on a job",
        "restock": "Restock",
        "transfer": "Transfer",
        "correction": "Correction",
    },
    "warranty": {
        "in_warranty": "In warranty",
        "expired": "Expired",
        "hours_exceeded": "Hours exceeded",
        "unknown": "Not known: no hour meter read yet",
    },
    "sla_policy": {
        "": "No promise",
        "stove": "Stove brand (2 h / 8 h / 30 h / 72 h)",
        "equipment_support": "Equipment support (30 min / 2 h / 8 h)",
    },
    "role": {"technician": "Technician", "office": "Office staff", "admin": "Admin"},
}


def N_(message: str) -> str:
    """Marks a message a module hands to a page, so the catalogue test finds it."""
    return message


ZH_CN: dict[str, str] = {
    "Accounts": "账户",
    "Role": "角色",
    "Sign-in": "登录",
    "Locked after wrong passwords": "密码错误次数过多，已锁定",
    "Can sign in": "可以登录",
    "Unlock": "解锁",
    "Add an account or give it a new password": "添加账户或重设密码",
    "A new password ends the account's sessions on every laptop and browser.": (
        "重设密码后，该账户在所有电脑和浏览器上的登录都会失效。"
    ),
    "Only an admin may keep the accounts.": "只有管理员可以管理账户。",
    "Office staff": "总部职员",
    "Admin": "管理员",
    # codes
    "New": "新建",
    "Assigned": "已派工",
    "En route": "在途",
    "On site": "已到场",
    "Waiting for parts": "等待配件",
    "Signed": "已签字",
    "Cancelled": "已取消",
    "Installation": "安装调试",
    "Repair": "维修",
    "Maintenance": "保养",
    "Inspection": "巡检",
    "Cleaning": "清洗",
    "Follow-up": "回访",
    "Guidance": "技术指导",
    "On track": "正常",
    "At risk": "临近超时",
    "Met": "已达成",
    "Breached": "已超时",
    "Reply": "回复",
    "Solution plan": "解决方案",
    "Resolved": "问题解决",
    "Follow-up call": "电话回访",
    "Phone response": "电话响应",
    "Repaired or replaced": "修复或更换",
    "No promise": "无承诺",
    "Stove brand (2 h / 8 h / 30 h / 72 h)": "灶具品牌（2 小时 / 8 小时 / 30 小时 / 72 小时）",
    "Equipment support (30 min / 2 h / 8 h)": "设备支持（30 分钟 / 2 小时 / 8 小时）",
    # frame
    "tech-app head office": "tech-app 总部",
    "Dispatch board": "派工看板",
    "Customers": "客户档案",
    "New job": "新建工单",
    "Sign out": "退出登录",
    "Signed in as {name}": "当前用户：{name}",
    # sign-in
    "Sign in": "登录",
    "Office staff sign in": "总部员工登录",
    "User name": "用户名",
    "Password": "密码",
    "Wrong user name or password.": "用户名或密码错误。",
    "Too many failed sign-ins; wait five minutes and try again.": "登录失败次数过多，请五分钟后再试。",
    "The form expired; please try again.": "表单已过期，请重试。",
    "Please sign in first.": "请先登录。",
    "Technicians use the tech-app on their laptop; this console is for office staff.": "技术员请使用笔记本上的 tech-app；本控制台仅供总部员工使用。",
    # board
    "Week of {day}": "{day} 当周",
    "Previous week": "上一周",
    "Next week": "下一周",
    "Technician": "技术员",
    "Unassigned": "未派工",
    "No date": "未排期",
    "Status": "状态",
    "Type": "类型",
    "Date": "日期",
    "Search": "搜索",
    "Any": "全部",
    "Filter": "筛选",
    "Clear": "清除",
    "No jobs.": "没有工单。",
    "{count} jobs found": "找到 {count} 个工单",
    "Assign": "派工",
    "Reschedule": "改期",
    "From": "从",
    "To": "到",
    "Cancel job": "取消工单",
    "{hours} h {minutes} min left": "剩余 {hours} 小时 {minutes} 分",
    "{hours} h {minutes} min overdue": "超出 {hours} 小时 {minutes} 分",  # after the state word 已超时
    "Needs review": "待审核",
    "Search: name, phone, address, serial, 售后…": "搜索：姓名、电话、地址、序列号、售后…",
    # jobs
    "Job {number}": "工单 {number}",
    "Job number": "工单号",
    "Customer": "客户",
    "Site": "地址",
    "Problem": "故障描述",
    "Reported at": "报修时间",
    "SLA promise": "服务承诺",
    "Priority": "优先级",
    "Create job": "创建工单",
    "Open the form from a customer's site to add the units there.": "从客户的服务地址打开此表单，即可选择该地址的设备。",
    "optional": "可选",
    "Time window": "上门时间",
    "Assignee": "技术员",
    "Promises": "承诺时限",
    "Deadline": "截止时间",
    "State": "状态",
    "The visit as recorded": "技术员记录的服务过程",
    "Findings": "检查结果",
    "Work done": "处理情况",
    "Responded": "已响应",
    "Arrived on site": "到达现场",
    "Completed": "完成时间",
    "Nothing recorded yet.": "尚无记录。",
    "Checklist answers": "检查表结果",
    "Item": "项目",
    "Answer": "结果",
    "Out of range": "超出范围",
    "Parts used": "使用配件",
    "Part": "配件",
    "Quantity": "数量",
    "Time entries": "工时记录",
    "Kind": "类别",
    "Signature": "签名",
    "Signed by {name} at {time}": "{name} 于 {time} 签字",
    "Signed on the printed paper copy": "已在纸质服务单上签字",
    "Service slip": "服务单",
    "Revision {revision}": "第 {revision} 版",
    "Download the PDF": "下载 PDF",
    "Content hash {hash}": "内容校验码 {hash}",
    "PDF received and its SHA-256 checked": "PDF 已收到，SHA-256 校验一致",
    "The PDF has not reached head office yet": "PDF 尚未上传到总部",
    "Conflict log": "冲突记录",
    "Field": "字段",
    "Kept": "保留值",
    "Overwritten": "被覆盖值",
    "Reason": "原因",
    "No conflicts.": "没有冲突。",
    "Review flag": "审核标记",
    "Mark as reviewed": "标记为已审核",
    "Not flagged.": "无审核标记。",
    "Back to the board": "返回看板",
    "The rules refuse this change: {detail}": "规则不允许此更改：{detail}",
    "Check {field}: {detail}": "请检查 {field}：{detail}",
    "Not found: {detail}": "未找到：{detail}",
    "Go back": "返回",
    # follow-ups
    "Follow-up calls": "回访",
    "Show all": "显示全部",
    "Only what is due": "只看到期",
    "Due": "到期",
    "Kind of call": "回访类型",
    "Overdue": "已逾期",
    "Overcharged {amount} above the slip: refund the customer": "比服务单多收 {amount}：需退还客户",
    "Done": "已完成",
    "Charged": "实收",
    "Record the call": "记录回访",
    "Was the problem solved?": "问题解决了吗？",
    "Was the technician on time?": "技术员准时吗？",
    "Attitude (1-5)": "服务态度（1-5）",
    "Skill (1-5)": "技术水平（1-5）",
    "Amount the customer paid": "客户实付金额",
    "Save the answers": "保存回访结果",
    "Yes": "是",
    "No": "否",
    "No follow-up calls.": "没有回访。",
    "Technician ratings": "技术员评价",
    "Calls": "回访数",
    "Problem solved": "问题已解决",
    "On time": "准时",
    "Attitude": "服务态度",
    "Skill": "技术水平",
    "Overcharge": "多收费",
    "No follow-up calls were answered in this period.": "此期间没有完成的回访。",
    "Phone call": "电话回访",
    "Visit": "上门回访",
    "Jewellery check reminder": "首饰定期检查提醒",
    # customers
    "Name": "名称",
    "Phone": "电话",
    "Class": "客户等级",
    "Address": "地址",
    "Contact": "联系人",
    "Contact phone": "联系电话",
    "Notes": "备注",
    "New customer": "新建客户",
    "Create customer": "创建客户",
    "Sites": "服务地址",
    "Add a site": "添加地址",
    "Units": "设备",
    "Category": "类别",
    "Make": "品牌",
    "Model": "型号",
    "Serial": "序列号",
    "Purchased on": "购买日期",
    "Jobs": "工单",
    "No customers yet.": "还没有客户。",
    "Place of purchase": "购买地点",
    "Warranty": "保修条款",
    "Add a unit": "添加设备",
    # van stock
    "Van stock": "车载库存",
    "Open": "打开",
    "On hand": "现有数量",
    "This van holds nothing yet.": "此车尚无库存。",
    "Restock or correct": "补货或盘点更正",
    "Quantity (a correction may be negative)": "数量（更正可为负数）",
    "Record": "记录",
    "Transfer to another van": "调拨到其他车辆",
    "Transfer": "调拨",
    "Used on a job": "工单领用",
    "Restock": "补货",
    "Correction": "盘点更正",
    # sheet import
    "Import jobs from a sheet": "从表格导入工单",
    "{count} jobs imported.": "已导入 {count} 个工单。",
    "CSV file (as Excel saves it: GB18030, UTF-8 or UTF-16)": "CSV 文件（Excel 保存的 GB18030、UTF-8 或 UTF-16 均可）",
    "What the import will do": "导入将做的更改",
    "Line": "行",
    "Change": "更改",
    "changes": "更改",
    "unchanged": "不变",
    "Import": "导入",
    "Columns": "列说明",
    # settings and prices
    "Company settings": "公司设置",
    "Typed as tech-app office settings --set takes them; every laptop receives them on its next sync.": "格式与 tech-app office settings --set 相同；各笔记本下次同步时收到。",
    "Save": "保存",
    "Price list": "价目表",
    "Unit": "单位",
    "Price": "单价",
    "Warranty (months)": "保修（月）",
    "Component": "部件",
    "Add or change a part (by its number)": "添加或修改配件（按编号）",
    "Name in Chinese": "中文名称",
    # checklist templates
    "Checklist templates": "检查表模板",
    "Code": "编码",
    "Revision": "版本",
    "Title": "标题",
    "Items": "项目数",
    "No templates yet.": "还没有模板。",
    "Saving makes a new revision; jobs planned before keep the one they have.": "保存会生成新版本；已安排的工单保留原版本。",
    "Title in Chinese": "中文标题",
    "Key": "键",
    "Label": "名称",
    "Label in Chinese": "中文名称",
    "Minimum": "下限",
    "Maximum": "上限",
    "Tolerance": "允许变化",
    "Required": "必填",
    "Remove": "删除",
    "new item key": "新项目的键",
    "choices, comma separated": "选项，逗号分隔",
    "Save as a new revision": "保存为新版本",
    # SLA overview
    "SLA overview": "服务时限统计",
    "Download CSV": "下载 CSV",
    "Per promise": "按承诺",
    "Per technician": "按技术员",
    "No jobs with a promise were reported in this period.": "此期间没有带服务承诺的报修。",
    # units
    "Service card": "售后服务卡",
    "Hour meter": "小时表读数",
    "Warranty on {day}": "{day} 保修状态",
    "Visits": "服务记录",
    "No finished visits yet.": "尚无完成的服务。",
    "In warranty": "保修期内",
    "Expired": "已过保",
    "Hours exceeded": "已超过保修小时",
    "Not known: no hour meter read yet": "未知：尚无小时表读数",
    # contracts
    "Contracts": "保养合同",
    "New contract": "新建合同",
    "Create contract": "创建合同",
    "Starts on": "开始日期",
    "Ended on": "终止日期",
    "Visits per year": "每年上门次数",
    "Or every so many operating hours": "或每运行多少小时",
    "Fee per unit per visit": "每台每次服务费",
    "Hourly rate outside the agreement": "合同外每小时费用",
    "Waiting fee per hour": "每小时等待费",
    "Term in months": "合同期（月）",
    "Notice in days": "提前通知（天）",
    "Visit planning": "上门计划",
    "Edit the terms": "修改合同条款",
    "Until": "至",
    "Preview": "预览",
    "{created} new visits, {changed} changed, {cancelled} cancelled": "新增 {created} 次上门，变更 {changed} 次，取消 {cancelled} 次",
    "Basis": "依据",
    "new": "新",
    "by operating hours": "按运行小时",
    "by the calendar": "按日历",
    "No visits are owed in this period.": "此期间没有应上门的服务。",
    "Plan these visits": "按此计划生成工单",
    "End the contract": "终止合同",
    "Notice given on": "通知日期",
    "End with notice": "按通知期终止",
    # the company logo
    "Company logo": "公司标志",
    "No logo yet: slips print the company's name only.": "尚未设置标志：服务单只印公司名称。",
    "Upload a new logo": "上传新标志",
    "A PNG or JPEG of at most {limit_kb} KB and {limit}×{limit} pixels; every laptop receives it on its next sync.": (
        "PNG 或 JPEG 图片，最大 {limit_kb} KB、{limit}×{limit} 像素；各笔记本下次同步时收到。"
    ),
    "Upload": "上传",
    "The file is larger than {limit_kb} KB, more than a logo may be; nothing was changed.": (
        "文件大于 {limit_kb} KB，超出标志允许的大小；未作任何更改。"
    ),
    "Choose a PNG or JPEG file first.": "请先选择一个 PNG 或 JPEG 文件。",
    "the file is empty": "文件是空的",
    "the file is not a PNG or JPEG image": "文件不是 PNG 或 JPEG 图片",
    "the {kind} image is damaged or cut short": "{kind} 图片已损坏或不完整",
    "the file is {size_kb} KB; at most {limit_kb} KB": "文件大小为 {size_kb} KB，最多 {limit_kb} KB",
    "the image is {width}×{height} pixels; at most {limit}×{limit}": "图片为 {width}×{height} 像素，最多 {limit}×{limit}",
    # the slip's content hash, recomputed (``slip_check``)
    "Records differ from the signed slip": "记录与客户签字的服务单不一致",
    "head office's records of this job no longer give the content hash the customer signed. A record was changed after signature, or a company setting the slip prints (name, rates, tax) changed since. Compare the PDF with the records before relying on either.": (
        "总部的本工单记录已算不出客户签字时的内容校验码：签字后有记录被修改，或服务单上印的公司设置（名称、费率、税率）已变更。请先核对 PDF 与记录，再以任一为准。"
    ),
    "The company settings were changed after this slip reached head office, which alone gives another hash.": (
        "此服务单送达总部后公司设置有过修改，仅此一项就会使校验码不同。"
    ),
    "Content hash verified — records match the signed slip": "内容校验码已核对——记录与签字的服务单一致",
    "An earlier revision: a later slip replaced it after a change": "早期版本：变更后已由新版服务单取代",
    "The content hash could not be checked: head office cannot rebuild this slip from its records": (
        "无法核对内容校验码：总部无法根据其记录重建此服务单"
    ),
    # review notes (``review_words``)
    "{technician} recorded work on job {job} after it was reassigned to {assignee}.": (
        "工单 {job} 已改派给 {assignee} 后，{technician} 仍在该工单上记录了工作。"
    ),
    "{technician} recorded work on job {job} after head office cancelled it.": (
        "总部取消工单 {job} 后，{technician} 仍在该工单上记录了工作。"
    ),
    "{technician} recorded work on job {job} after head office deleted it.": (
        "总部删除工单 {job} 后，{technician} 仍在该工单上记录了工作。"
    ),
    "Recurring fault: {serial} was repaired in job {earlier_job} by {technician} on "
    "{repaired_on}, promised until {promised_until}. Policy: replace the unit.": (
        "重复故障：{serial} 已于 {repaired_on} 由 {technician} 在工单 {earlier_job} 中维修，"
        "承诺有效期至 {promised_until}。按政策应更换整机。"
    ),
    "Overcharge of {overcharge} against {technician}: the customer paid "
    "{amount_charged}, the slip's total is {slip_total}.": (
        "多收费 {overcharge}（技术员：{technician}）：客户实付 {amount_charged}，服务单合计 {slip_total}。"
    ),
    "Signed for {bill_total} without the customer's consent to that amount.": (
        "签字金额 {bill_total} 未经客户同意。"
    ),
    "A laptop kept this job: head office removed it while work there was not yet synced.": (
        "技术员电脑保留了此工单：总部移除它时，电脑上的工作尚未同步。"
    ),
    "Two devices changed this field; the later one to reach head office wins.": (
        "两台设备修改了此字段；以后到达总部的一方为准。"
    ),
    "Changed on two devices": "两台设备均有修改",
    "Work after reassignment": "改派后仍有工作",
    "Work after cancellation": "取消后仍有工作",
    "Work after deletion": "删除后仍有工作",
    "Recurring fault": "重复故障",
    "Signed without consent": "未经同意签字",
    "Kept on a laptop": "电脑上保留",
    "Review note": "审核备注",
    "head office": "总部",
    "no technician": "无技术员",
}


def choose(cookie: str | None, accept_language: str) -> str:
    """The user's chosen language, else the first the browser asks for that we have."""
    if cookie in LANGUAGES:
        return cookie
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().replace("-", "_").lower()
        if tag.startswith("zh"):
            # Traditional Chinese readers still read Simplified better than English here.
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return DEFAULT


def translator(language: str) -> Callable[..., str]:
    """``_(message, **params)`` for one language; an untranslated message stays English."""
    table = ZH_CN if language == "zh_CN" else {}

    def translate(message: str, **params: object) -> str:
        text = table.get(message, message)
        return text.format(**params) if params else text

    return translate


def code_word(kind: str, code: str) -> str:
    """The English message for a stored code (then translated like any message)."""
    return CODE_WORDS[kind].get(code, code)
