<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="91"/>
        <source>tech-app cannot open your jobs</source>
        <translation>tech-app 无法打开您的工单</translation>
    </message>
    <message>
        <location filename="../app.py" line="102"/>
        <source>tech-app is already open</source>
        <translation>tech-app 已经打开</translation>
    </message>
    <message>
        <location filename="../app.py" line="103"/>
        <source>tech-app is already open on these jobs; its window was brought to the front.</source>
        <translation>tech-app 已经打开了这些工单，已把它的窗口调到最前面。</translation>
    </message>
</context>
<context>
    <name>AssetHistoryView</name>
    <message>
        <location filename="../asset_history_view.py" line="54"/>
        <source>No earlier visits of this unit on this device.</source>
        <translation>本机没有该设备以前的服务记录。</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="65"/>
        <source>Last readings</source>
        <translation>上次读数</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="69"/>
        <source>No units on this job</source>
        <translation>此工单没有设备</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="75"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="76"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="77"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="78"/>
        <source>Hour meter</source>
        <translation>小时表</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="79"/>
        <source>Parts replaced</source>
        <translation>更换的配件</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="104"/>
        <source>serial {removed} → {fitted}</source>
        <translation>序列号 {removed} → {fitted}</translation>
    </message>
</context>
<context>
    <name>BackgroundSync</name>
    <message>
        <location filename="../sync_worker.py" line="179"/>
        <source>Your head office login has expired: log in again.</source>
        <translation>总部登录已过期：请重新登录。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="181"/>
        <source>Head office needs a newer version: please update tech-app.</source>
        <translation>总部需要更新的版本：请更新 tech-app。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="183"/>
        <source>Head office has a problem right now; sync will try again.</source>
        <translation>总部服务器暂时出现问题，稍后将自动重试同步。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="185"/>
        <source>Head office asked for a fresh start; sync will try again.</source>
        <translation>总部要求重新同步，稍后将自动重试。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="186"/>
        <source>Head office refused the sync: {detail}</source>
        <translation>总部拒绝了同步：{detail}</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../camera.py" line="32"/>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../camera.py" line="34"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../camera.py" line="57"/>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../camera.py" line="68"/>
        <source>Capture</source>
        <translation>拍摄</translation>
    </message>
</context>
<context>
    <name>ChargesModel</name>
    <message>
        <location filename="../charges_model.py" line="32"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../charges_model.py" line="32"/>
        <source>Paid by</source>
        <translation>承担方</translation>
    </message>
    <message>
        <location filename="../charges_model.py" line="32"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../charges_model.py" line="45"/>
        <source>Worth {value}, covered by {coverage}</source>
        <translation>价值 {value}，由{coverage}承担</translation>
    </message>
</context>
<context>
    <name>ChargesPanel</name>
    <message>
        <location filename="../charges_panel.py" line="67"/>
        <source>Estimate before repair</source>
        <translation>维修前报价</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="71"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="81"/>
        <source>The customer has seen these charges and agrees to them</source>
        <translation>客户已看过以上费用并同意</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="86"/>
        <source>Name of the person agreeing</source>
        <translation>同意人姓名</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="88"/>
        <source>Record consent</source>
        <translation>记录同意</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="95"/>
        <source>Planned labour</source>
        <translation>预计工时</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="108"/>
        <source>Charges so far</source>
        <translation>当前费用</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="145"/>
        <source>Quality or installation fault</source>
        <translation>质量或安装问题</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="120"/>
        <source>The customer agrees to the bill as it stands</source>
        <translation>客户同意目前的费用</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="130"/>
        <source>Cause of the fault</source>
        <translation>故障原因</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="187"/>
        <source>Subtotal {subtotal} · tax {tax} · &lt;b&gt;total {total}&lt;/b&gt;</source>
        <translation>小计 {subtotal} · 税 {tax} · &lt;b&gt;合计 {total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="202"/>
        <source>✔ {name} agreed to {total} at {when}</source>
        <translation>✔ {name} 已于 {when} 同意 {total}</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="238"/>
        <source>The customer must agree to these charges before signing.</source>
        <translation>签字前须经客户同意这些费用。</translation>
    </message>
</context>
<context>
    <name>ChecklistForm</name>
    <message>
        <location filename="../checklist_form.py" line="81"/>
        <source>This job has no checklist.</source>
        <translation>此工单没有检查表。</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="85"/>
        <source>Next unit to do</source>
        <translation>下一台未完成</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="219"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="183"/>
        <source>last visit: {value}</source>
        <translation>上次：{value}</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="227"/>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="260"/>
        <source>Empty answers are not saved</source>
        <translation>空白答案不会保存</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="319"/>
        <source>{change} since last visit, allowed ±{tolerance}</source>
        <translation>较上次变化 {change}，允许 ±{tolerance}</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="336"/>
        <source>{done} of {total} trucks done</source>
        <translation>共 {total} 台叉车，已完成 {done} 台</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="338"/>
        <source>{done} of {total} units done</source>
        <translation>共 {total} 台，已完成 {done} 台</translation>
    </message>
</context>
<context>
    <name>CounterfoilDialog</name>
    <message>
        <location filename="../intake_panel.py" line="562"/>
        <source>Registration form and counterfoil</source>
        <translation>登记表与回执联</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="570"/>
        <source>The counterfoil was saved to {path} but cannot be shown here</source>
        <translation>回执联已保存到 {path}，但无法在此显示</translation>
    </message>
</context>
<context>
    <name>CustomerFileDialog</name>
    <message>
        <location filename="../service_panel.py" line="523"/>
        <source>Customer file: {name}</source>
        <translation>客户档案：{name}</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="543"/>
        <source>Units</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="544"/>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="545"/>
        <source>Visits</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="546"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="554"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="555"/>
        <source>Class</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="556"/>
        <source>Purchase reason</source>
        <translation>购买原因</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="557"/>
        <source>Promises made</source>
        <translation>已作承诺</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="558"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../error_words.py" line="18"/>
        <source>The job database is in use by another tech-app window. Close it and retry.</source>
        <translation>工单数据库正被另一个 tech-app 窗口使用。请关闭那个窗口后重试。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="21"/>
        <source>The disk is full. Free some space; nothing was saved.</source>
        <translation>磁盘已满。请腾出一些空间；刚才的内容没有保存。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="24"/>
        <source>tech-app cannot write to the profile folder {path} (read-only or no permission). Choose another folder or ask for its permissions to be fixed.</source>
        <translation>tech-app 无法写入资料文件夹 {path}（只读或没有权限）。请换一个文件夹，或请人修改它的权限。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="29"/>
        <source>{path} is a file, not a folder. Choose a folder for the profile.</source>
        <translation>{path} 是一个文件，不是文件夹。请为资料选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="32"/>
        <source>{path} was written by a newer tech-app (database version {found}; this app reads up to {known}). Update tech-app to open it.</source>
        <translation>{path} 由更新版本的 tech-app 写入（数据库版本 {found}；本程序最多读取 {known}）。请更新 tech-app 后再打开。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="37"/>
        <source>{path} is not a tech-app database or is damaged.</source>
        <translation>{path} 不是 tech-app 数据库，或已损坏。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="40"/>
        <source>The job database could not be read or written: {detail}</source>
        <translation>无法读写工单数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="47"/>
        <source>“{value}” is not a number</source>
        <translation>“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="48"/>
        <source>“{value}”: give the number in {unit}</source>
        <translation>“{value}”：请以 {unit} 为单位填写数字</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="49"/>
        <source>“{value}”: must be more than zero (remove a wrong line instead)</source>
        <translation>“{value}”：必须大于零（填错的配件行请删除）</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="52"/>
        <source>“{value}” has more than {decimals} decimals</source>
        <translation>“{value}”的小数超过 {decimals} 位</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="55"/>
        <source>“{value}” is more than a van can carry</source>
        <translation>“{value}”超过了一辆工程车能装的数量</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="56"/>
        <source>“{value}” is neither yes nor no</source>
        <translation>“{value}”既不是“是”也不是“否”</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="57"/>
        <source>“{value}” is not one of the choices</source>
        <translation>“{value}”不在可选项中</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="58"/>
        <source>A job that is “{current}” cannot become “{wanted}”</source>
        <translation>状态为“{current}”的工单不能改为“{wanted}”</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="61"/>
        <location filename="../error_words.py" line="81"/>
        <source>The customer has not signed yet</source>
        <translation>客户还没有签字</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="62"/>
        <source>The job {number} is signed; record an amendment instead</source>
        <translation>工单 {number} 已签字，请改为记录更正</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="65"/>
        <source>The job was cancelled</source>
        <translation>该工单已取消</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="66"/>
        <source>This was recorded once and cannot be changed</source>
        <translation>该记录已保存，不能修改</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="69"/>
        <source>No part “{value}” in the catalogue</source>
        <translation>配件目录中没有“{value}”</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="70"/>
        <source>This part line was removed already</source>
        <translation>该配件行已经删除</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="71"/>
        <source>The end is before the start</source>
        <translation>结束时间早于开始时间</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="72"/>
        <source>Required checklist items are unanswered: {items}</source>
        <translation>检查表中还有必填项未填写：{items}</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="75"/>
        <source>This time is later than now</source>
        <translation>这个时间晚于现在</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="76"/>
        <source>The timers changed since; correct the time entries instead</source>
        <translation>计时之后又有变动，请直接修改工时记录</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="79"/>
        <source>This is required</source>
        <translation>此项必填</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="80"/>
        <source>Longer than {limit} characters</source>
        <translation>超过 {limit} 个字</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="82"/>
        <source>Tick at least one service</source>
        <translation>请至少勾选一项服务</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="83"/>
        <source>Job {number} is not a counter job: nothing is handed in on it</source>
        <translation>工单 {number} 不是门店收件工单，不能登记收件</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="86"/>
        <source>Job {number} already has its registration form (counterfoil {counterfoil})</source>
        <translation>工单 {number} 已有登记表（回执编号 {counterfoil}）</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="89"/>
        <source>Nothing was handed in on job {number}</source>
        <translation>工单 {number} 尚未登记收件</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="90"/>
        <source>A piece that is “{current}” cannot become “{wanted}”</source>
        <translation>货品状态为“{current}”，不能改为“{wanted}”</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="93"/>
        <source>“{value}” is not the number on this piece&apos;s counterfoil</source>
        <translation>“{value}”不是此件货品回执联上的编号</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="96"/>
        <source>Job {number} is not the kind of visit this is recorded on</source>
        <translation>工单 {number} 不是可记录此项的服务类型</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="99"/>
        <source>The loaned unit is already back</source>
        <translation>借出的设备已经归还</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="100"/>
        <source>The file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="101"/>
        <source>The file is not a PNG or JPEG image</source>
        <translation>文件不是 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="102"/>
        <source>The {kind} image is damaged or cut short</source>
        <translation>{kind} 图片已损坏或不完整</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="103"/>
        <source>The file is {size_kb} KB; at most {limit_kb} KB</source>
        <translation>文件大小为 {size_kb} KB，最多 {limit_kb} KB</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="106"/>
        <source>The image is {width}×{height} pixels; at most {limit}×{limit}</source>
        <translation>图片为 {width}×{height} 像素，最多 {limit}×{limit}</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="112"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="113"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="114"/>
        <source>Signed by</source>
        <translation>签名人</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="115"/>
        <source>Customer signature</source>
        <translation>顾客签名</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="128"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="145"/>
        <source>tech-app may not write {path} (read-only or no permission).</source>
        <translation>tech-app 不能写入 {path}（只读或没有权限）。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="149"/>
        <source>{path} is in the way: a file where a folder should be, or the other way round.</source>
        <translation>{path} 位置不对：应是文件夹的地方是文件，或者相反。</translation>
    </message>
    <message>
        <location filename="../error_words.py" line="153"/>
        <source>The file {path} could not be used.</source>
        <translation>无法使用文件 {path}。</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <location filename="../job_flags_banner.py" line="18"/>
        <source>Recurring fault: replace the unit. {serial} was repaired in job {earlier_job}, promised until {promised_until}.</source>
        <translation>重复故障：请更换整机。{serial} 已在工单 {earlier_job} 中维修，保证期至 {promised_until}。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="23"/>
        <source>Warranty exclusion: {cause}. Covered work is charged.</source>
        <translation>保修除外：{cause}。本应保修的项目需收费。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="26"/>
        <source>Card {card}: all {visits} visits used. This visit is charged.</source>
        <translation>服务卡 {card}：{visits} 次服务已全部用完，本次上门需收费。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="29"/>
        <source>Card {card} is valid from {starts_on} to {ends_on} only. This visit is charged.</source>
        <translation>服务卡 {card} 仅在 {starts_on} 至 {ends_on} 期间有效，本次上门需收费。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="32"/>
        <source>No consent yet: the customer must agree to {bill_total} before the repair.</source>
        <translation>尚未确认：维修前须经客户同意费用 {bill_total}。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="35"/>
        <source>The bill {bill_total} is past the consented {consented_total}: ask again.</source>
        <translation>费用 {bill_total} 已超过客户确认的 {consented_total}：请再次征得同意。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="40"/>
        <source>Replace unit</source>
        <translation>更换整机</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="41"/>
        <source>Warranty exclusion</source>
        <translation>保修除外</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="42"/>
        <source>Card used up</source>
        <translation>服务卡已用完</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="43"/>
        <source>Card not valid</source>
        <translation>服务卡无效</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="44"/>
        <source>Consent missing</source>
        <translation>未经客户确认</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="45"/>
        <source>Consent exceeded</source>
        <translation>超出确认金额</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="49"/>
        <source>Office review: {technician} recorded work on job {job} after it was reassigned to {assignee}.</source>
        <translation>总部审核：工单 {job} 已改派给 {assignee} 后，{technician} 仍记录了工作。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="54"/>
        <source>Office review: {technician} recorded work on job {job} after head office cancelled it.</source>
        <translation>总部审核：总部取消工单 {job} 后，{technician} 仍记录了工作。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="58"/>
        <source>Office review: {technician} recorded work on job {job} after head office deleted it.</source>
        <translation>总部审核：总部删除工单 {job} 后，{technician} 仍记录了工作。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="62"/>
        <source>Office review: overcharge of {overcharge}. The customer paid {amount_charged}, the slip&apos;s total is {slip_total}.</source>
        <translation>总部审核：多收费 {overcharge}。客户实付 {amount_charged}，服务单合计 {slip_total}。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="67"/>
        <source>Office review: signed for {bill_total} without the customer&apos;s consent to that amount.</source>
        <translation>总部审核：签字金额 {bill_total} 未经客户同意。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="71"/>
        <source>Kept on this laptop: head office removed the job while work here was not yet synced.</source>
        <translation>已保留在本机：总部移除此工单时，本机的工作尚未同步。</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="75"/>
        <source>Office review: {text}</source>
        <translation>总部审核：{text}</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="78"/>
        <source>Work after reassignment</source>
        <translation>改派后仍有工作</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="79"/>
        <source>Work after cancellation</source>
        <translation>取消后仍有工作</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="80"/>
        <source>Work after deletion</source>
        <translation>删除后仍有工作</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="81"/>
        <source>Overcharge</source>
        <translation>多收费</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="82"/>
        <source>Signed without consent</source>
        <translation>未经同意签字</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="83"/>
        <source>Kept on this laptop</source>
        <translation>本机保留</translation>
    </message>
    <message>
        <location filename="../job_flags_banner.py" line="84"/>
        <source>Office review</source>
        <translation>总部审核</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../history.py" line="104"/>
        <source>Job created</source>
        <translation>工单已创建</translation>
    </message>
    <message>
        <location filename="../history.py" line="106"/>
        <source>Status → {status}</source>
        <translation>状态 → {status}</translation>
    </message>
    <message>
        <location filename="../history.py" line="109"/>
        <source>Job details changed: {fields}</source>
        <translation>工单信息已更改：{fields}</translation>
    </message>
    <message>
        <location filename="../history.py" line="115"/>
        <source> (out of range)</source>
        <translation>（超出范围）</translation>
    </message>
    <message>
        <location filename="../history.py" line="120"/>
        <source>Checklist: {item} = {value}{flag}</source>
        <translation>检查表：{item} = {value}{flag}</translation>
    </message>
    <message>
        <location filename="../history.py" line="126"/>
        <source>Part line {number} removed</source>
        <translation>已删除配件行 {number}</translation>
    </message>
    <message>
        <location filename="../history.py" line="129"/>
        <source>Part {number} × {quantity} ({coverage})</source>
        <translation>配件 {number} × {quantity}（{coverage}）</translation>
    </message>
    <message>
        <location filename="../history.py" line="131"/>
        <source>Part line corrected: {number} × {quantity} ({coverage})</source>
        <translation>配件行已更正：{number} × {quantity}（{coverage}）</translation>
    </message>
    <message>
        <location filename="../history.py" line="142"/>
        <source>{kind} timer started</source>
        <translation>{kind}计时开始</translation>
    </message>
    <message>
        <location filename="../history.py" line="144"/>
        <source>{kind} time corrected</source>
        <translation>{kind}时间已更正</translation>
    </message>
    <message>
        <location filename="../history.py" line="145"/>
        <source>{kind} timer stopped</source>
        <translation>{kind}计时结束</translation>
    </message>
    <message>
        <location filename="../history.py" line="147"/>
        <source>Estimate shown: {total}</source>
        <translation>已出示报价：{total}</translation>
    </message>
    <message>
        <location filename="../history.py" line="151"/>
        <source>Consent given by {name}</source>
        <translation>{name} 已同意费用</translation>
    </message>
    <message>
        <location filename="../history.py" line="155"/>
        <source>Signed by {name}</source>
        <translation>{name} 已签字</translation>
    </message>
    <message>
        <location filename="../history.py" line="162"/>
        <source>Slip issued</source>
        <translation>已出具服务单</translation>
    </message>
    <message>
        <location filename="../history.py" line="163"/>
        <source>Slip issued again after a change (revision {n})</source>
        <translation>修改后重新出具服务单（第 {n} 版）</translation>
    </message>
    <message>
        <location filename="../history.py" line="167"/>
        <source>Photo added</source>
        <translation>已添加照片</translation>
    </message>
    <message>
        <location filename="../history.py" line="169"/>
        <source>Unit added to the job</source>
        <translation>已添加设备</translation>
    </message>
    <message>
        <location filename="../history.py" line="171"/>
        <source>Amendment: {reason}</source>
        <translation>更正：{reason}</translation>
    </message>
    <message>
        <location filename="../history.py" line="175"/>
        <source>Piece handed in, form signed by {name} (counterfoil {number})</source>
        <translation>货品已收件，{name} 签名确认登记表（回执编号 {number}）</translation>
    </message>
    <message>
        <location filename="../history.py" line="180"/>
        <source>Piece handed back against counterfoil</source>
        <translation>凭回执联交还货品</translation>
    </message>
    <message>
        <location filename="../history.py" line="181"/>
        <source>Piece ready for collection</source>
        <translation>货品可取件</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../history_model.py" line="37"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../history_model.py" line="37"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../history_model.py" line="37"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../history_model.py" line="49"/>
        <source>waiting</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../history_model.py" line="49"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <location filename="../intake_panel.py" line="91"/>
        <source>e.g. 18K gold diamond ring</source>
        <translation>例如：18K金钻石戒指</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="98"/>
        <source>carats, e.g. 0.30 (empty: no stone)</source>
        <translation>克拉，例如 0.30（无主石请留空）</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="101"/>
        <source>colour / clarity, e.g. H / VS1</source>
        <translation>颜色 / 净度，例如 H / VS1</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="114"/>
        <source>sizes for a resize, what “other” means, what the customer was told</source>
        <translation>改圈尺寸、“其他”的具体内容、已向顾客说明的事项</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="119"/>
        <source>scratches, a bent or loose claw, a missing stone…</source>
        <translation>划痕、爪变形或松动、缺石……</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="123"/>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="124"/>
        <source>Material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="125"/>
        <source>Main stone size</source>
        <translation>钻石大小</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="126"/>
        <source>Stone grade</source>
        <translation>钻石级别</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="127"/>
        <source>Requested services</source>
        <translation>售后服务项目</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="128"/>
        <source>Service notes</source>
        <translation>服务说明</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="129"/>
        <source>Other problems noticed</source>
        <translation>货品其他问题</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="151"/>
        <source>Customer signs the form…</source>
        <translation>顾客签名确认…</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="154"/>
        <source>Print counterfoil…</source>
        <translation>打印回执联…</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="157"/>
        <source>Mark ready for collection</source>
        <translation>标记为可取件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="168"/>
        <source>number on the customer&apos;s counterfoil</source>
        <translation>顾客回执联上的编号</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="170"/>
        <source>Hand back</source>
        <translation>交还顾客</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="181"/>
        <source>Counterfoil no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="212"/>
        <source>18K gold</source>
        <translation>18K 金</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="213"/>
        <source>Pure gold</source>
        <translation>足金</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="214"/>
        <source>K gold</source>
        <translation>K 金</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="215"/>
        <source>Platinum</source>
        <translation>铂金</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="216"/>
        <source>Silver</source>
        <translation>银</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="217"/>
        <source>Other material</source>
        <translation>其他材质</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="222"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="223"/>
        <source>Polishing</source>
        <translation>抛光</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="224"/>
        <source>Resizing</source>
        <translation>改圈口</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="225"/>
        <source>Stone re-setting</source>
        <translation>加固钻石 / 镶石</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="226"/>
        <source>Reshaping</source>
        <translation>整形</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="227"/>
        <source>Engraving</source>
        <translation>刻字</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="228"/>
        <source>3-monthly stone check</source>
        <translation>钻石松动检查（每 3 个月）</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="229"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="230"/>
        <source>Other service</source>
        <translation>其他服务</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="235"/>
        <source>Handed in</source>
        <translation>已收件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="236"/>
        <source>Ready for collection</source>
        <translation>可取件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="237"/>
        <source>Collected</source>
        <translation>已取件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="263"/>
        <source>Fill in the registration form with the customer, then let them sign it.</source>
        <translation>与顾客一起填写售后服务登记表，再请顾客签名确认。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="273"/>
        <source>Counterfoil &lt;b&gt;{number}&lt;/b&gt; · signed by {signer} on {day} · &lt;span style=&apos;{style}&apos;&gt;{state}&lt;/span&gt;</source>
        <translation>回执编号 &lt;b&gt;{number}&lt;/b&gt; · {signer} 于 {day} 签名 · &lt;span style=&apos;{style}&apos;&gt;{state}&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="385"/>
        <source>Cannot mark the piece ready</source>
        <translation>无法标记为可取件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="402"/>
        <location filename="../intake_panel.py" line="406"/>
        <source>Cannot hand the piece back</source>
        <translation>无法交还货品</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="437"/>
        <source>Preparing the counterfoil</source>
        <translation>正在生成回执联</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="451"/>
        <source>The counterfoil could not be made: {error}</source>
        <translation>无法生成回执联：{error}</translation>
    </message>
</context>
<context>
    <name>IntakeSignDialog</name>
    <message>
        <location filename="../intake_panel.py" line="473"/>
        <source>Registration form of job {number}</source>
        <translation>工单 {number} 的售后服务登记表</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="479"/>
        <source>Requested: {services}</source>
        <translation>服务项目：{services}</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="487"/>
        <source>The customer checks the form and signs: it cannot be changed afterwards, and they keep the counterfoil to collect the piece.</source>
        <translation>请顾客核对登记表后签名：签名后不能再修改，顾客凭回执联取件。</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="498"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="500"/>
        <source>Sign and hand in</source>
        <translation>签名并收件</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="511"/>
        <source>Signed by</source>
        <translation>签名人</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="513"/>
        <source>Customer signature</source>
        <translation>顾客签名</translation>
    </message>
    <message>
        <location filename="../intake_panel.py" line="551"/>
        <source>Cannot record the form</source>
        <translation>无法保存登记表</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../checklist_editors.py" line="86"/>
        <source>Out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="91"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>JobListPanel</name>
    <message>
        <location filename="../job_list_panel.py" line="66"/>
        <source>Search jobs (Ctrl+F)</source>
        <translation>搜索工单（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="70"/>
        <source>Customer, address, phone, serial or job number; Chinese or English</source>
        <translation>客户、地址、电话、序列号或工单号；中文或英文均可</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="155"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="156"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="162"/>
        <source>Any day</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="163"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="164"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="165"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="166"/>
        <source>On date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="140"/>
        <source>Show all jobs</source>
        <translation>显示全部工单</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="239"/>
        <source>Only jobs matching “{text}” are shown</source>
        <translation>只显示与“{text}”匹配的工单</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="241"/>
        <source>Only some jobs are shown (filter on)</source>
        <translation>只显示部分工单（已筛选）</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="269"/>
        <source>1 job</source>
        <translation>1 个工单</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="269"/>
        <source>{n} jobs</source>
        <translation>{n} 个工单</translation>
    </message>
</context>
<context>
    <name>JobTableModel</name>
    <message>
        <location filename="../job_table_model.py" line="306"/>
        <source>Time window</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="307"/>
        <source>Job</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="308"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="309"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="310"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="311"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="312"/>
        <source>SLA</source>
        <translation>服务时限</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="363"/>
        <source>⚑ {flags} · {status}</source>
        <translation>⚑ {flags} · {status}</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="370"/>
        <source>{mark} {promise} {left}</source>
        <translation>{mark} {promise} {left}</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="381"/>
        <source>{state}: {promise} due {deadline}</source>
        <translation>{state}：{promise}截止 {deadline}</translation>
    </message>
</context>
<context>
    <name>JobView</name>
    <message>
        <location filename="../job_view.py" line="120"/>
        <source>Signed: this job is frozen. Later changes are recorded as amendments.</source>
        <translation>已签字：工单已锁定，之后的修改将作为更正记录。</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="128"/>
        <source>En route</source>
        <translation>出发</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="129"/>
        <source>On site</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="130"/>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="131"/>
        <source>Complete</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="138"/>
        <location filename="../job_view.py" line="426"/>
        <source>Sign off…</source>
        <translation>签字确认…</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="266"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="271"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="272"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="273"/>
        <source>Time</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="274"/>
        <source>Charges</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="275"/>
        <source>Unit history</source>
        <translation>设备履历</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="276"/>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="172"/>
        <source>Click to copy the phone number</source>
        <translation>点击复制电话号码</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="179"/>
        <source>(click to copy)</source>
        <translation>（点击复制）</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="198"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="199"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="200"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="201"/>
        <source>Units</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="202"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="203"/>
        <source>Problem</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="204"/>
        <source>SLA</source>
        <translation>服务时限</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="269"/>
        <location filename="../job_view.py" line="386"/>
        <source>Jewellery intake</source>
        <translation>珠宝收件登记</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="270"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="361"/>
        <source>{name} (class {cls})</source>
        <translation>{name}（{cls} 类客户）</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="369"/>
        <source>{name} — {visits} visits a year, {fee} per unit per visit</source>
        <translation>{name} — 每年 {visits} 次，每台每次 {fee}</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="376"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="396"/>
        <source>No warranty terms</source>
        <translation>无保修条款</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="412"/>
        <source>No units on this job</source>
        <translation>此工单没有设备</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="426"/>
        <source>Slip…</source>
        <translation>服务单…</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="476"/>
        <source>Cannot change the status</source>
        <translation>无法更改状态</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="492"/>
        <source>{stopped} timer stopped · {started} timer started</source>
        <translation>{stopped}计时已停止 · {started}计时已开始</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="496"/>
        <source>{kind} timer started</source>
        <translation>{kind}计时已开始</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="497"/>
        <source>{kind} timer stopped</source>
        <translation>{kind}计时已停止</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="506"/>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="513"/>
        <source>Timers put back as they were</source>
        <translation>计时已恢复原状</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="540"/>
        <source>Cannot sign yet</source>
        <translation>还不能签字</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="556"/>
        <source>Copied {phone}</source>
        <translation>已复制 {phone}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="60"/>
        <source>tech-app — field service jobs</source>
        <translation>tech-app — 上门服务工单</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101"/>
        <source>Sync &amp;problems…</source>
        <translation>同步问题(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>&amp;Search jobs</source>
        <translation>搜索工单(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110"/>
        <source>&amp;Next job</source>
        <translation>下一个工单(&amp;N)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>&amp;Previous job</source>
        <translation>上一个工单(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>&amp;Job</source>
        <translation>工单(&amp;J)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>Next &amp;step</source>
        <translation>下一步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="127"/>
        <source>&amp;En route</source>
        <translation>出发(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>&amp;On site</source>
        <translation>到场(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="129"/>
        <source>&amp;Waiting for parts</source>
        <translation>等待配件(&amp;W)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>&amp;Complete</source>
        <translation>完工(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="135"/>
        <source>Sign &amp;off…</source>
        <translation>签字确认(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>The bill ({bill_total}) is more than the customer agreed to ({consented_total}): show the new total and record their consent again before they sign.</source>
        <translation>费用（{bill_total}）超过客户同意的金额（{consented_total}）：签字前请出示新的合计并再次记录客户同意。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>The bill ({bill_total}) has charges the customer has not agreed to: show the estimate and record their consent before they sign.</source>
        <translation>费用（{bill_total}）含有客户尚未同意的收费：签字前请出示报价并记录客户同意。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>Something went wrong: {error}</source>
        <translation>出现错误：{error}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70"/>
        <source>tech-app</source>
        <translation>tech-app</translation>
    </message>
    <message>
        <location filename="../messages.py" line="103"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PartUsageModel</name>
    <message>
        <location filename="../part_usage_model.py" line="67"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="68"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="69"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="70"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="71"/>
        <source>Coverage</source>
        <translation>承担方</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="72"/>
        <source>For unit</source>
        <translation>用于设备</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="73"/>
        <source>Serials</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="91"/>
        <source>Taken although the van stock was short</source>
        <translation>车上库存不足时仍领用</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <location filename="../parts_panel.py" line="75"/>
        <source>Part number or name (or scan the barcode)</source>
        <translation>配件编号或名称（或扫描条码）</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="86"/>
        <location filename="../parts_panel.py" line="301"/>
        <source>No part picked</source>
        <translation>未选择配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="101"/>
        <source>Serial of the part taken out</source>
        <translation>拆下配件的序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="109"/>
        <source>Serial of the part fitted</source>
        <translation>装上配件的序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="116"/>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="133"/>
        <source>Change quantity</source>
        <translation>修改数量</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="135"/>
        <source>Remove line</source>
        <translation>删除该行</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="140"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="142"/>
        <source>Van stock</source>
        <translation>车上库存</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="145"/>
        <source>For unit</source>
        <translation>用于设备</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="147"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="149"/>
        <source>Removed</source>
        <translation>拆下</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="151"/>
        <source>Fitted</source>
        <translation>装上</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="153"/>
        <source>Serials</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="157"/>
        <source>Paid by</source>
        <translation>承担方</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="160"/>
        <source>Parts used on this job</source>
        <translation>本工单已用配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="163"/>
        <source>Selected line</source>
        <translation>所选配件行</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="182"/>
        <source>The job</source>
        <translation>本工单</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="212"/>
        <source>van: {n}</source>
        <translation>车上：{n}</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="305"/>
        <source>{name} — {price} per {unit}</source>
        <translation>{name} — 每{unit} {price}</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="237"/>
        <source>Not enough in the van</source>
        <translation>车上库存不足</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="378"/>
        <source>The van holds {available} {unit} of {part}, {wanted} wanted.
Record it anyway? The van stock will go below zero.</source>
        <translation>车上只有 {available} {unit} {part}，需要 {wanted}。
仍然记录吗？车上库存将变为负数。</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="385"/>
        <source>Record anyway</source>
        <translation>仍然记录</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="455"/>
        <source>The van holds {available} {unit} of {part}, {wanted} more wanted.
Change the line anyway? The van stock will go below zero.</source>
        <translation>车上 {part} 只有 {available} {unit}，还需要 {wanted}。
仍然修改吗？车辆库存将低于零。</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="462"/>
        <source>Change anyway</source>
        <translation>仍然修改</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="478"/>
        <source>Remove part line</source>
        <translation>删除配件行</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="480"/>
        <source>Remove {quantity} {unit} {part} from this job? They go back into the van.</source>
        <translation>从本工单删除 {quantity} {unit} {part}？这些配件将退回车上库存。</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="485"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PhotoEditor</name>
    <message>
        <location filename="../checklist_editors.py" line="236"/>
        <source>Attach photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="242"/>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="243"/>
        <source>Images (*.png *.jpg *.jpeg *.heic *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.heic *.webp)</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="253"/>
        <source>Photo {sha}…</source>
        <translation>照片 {sha}…</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="256"/>
        <source>Photo attached</source>
        <translation>照片已添加</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <location filename="../service_panel.py" line="111"/>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="112"/>
        <source>Call</source>
        <translation>打电话</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="113"/>
        <source>Text message</source>
        <translation>发短信</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="114"/>
        <source>Open in map</source>
        <translation>在地图中打开</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="115"/>
        <source>Customer file…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="120"/>
        <source>Photo…</source>
        <translation>拍照…</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="136"/>
        <source>Scan or type a part number or a serial</source>
        <translation>扫描或输入配件编号或序列号</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="158"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="172"/>
        <source>The customer agrees to the plan</source>
        <translation>客户同意解决方案</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="175"/>
        <source>Who agreed</source>
        <translation>同意人</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="176"/>
        <source>Save complaint</source>
        <translation>保存投诉记录</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="184"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="185"/>
        <source>Key points</source>
        <translation>投诉要点</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="186"/>
        <source>Plan</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="187"/>
        <source>Time limit</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="191"/>
        <source>Agreement</source>
        <translation>客户确认</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="198"/>
        <source>Replacement unit</source>
        <translation>备用设备</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="200"/>
        <source>Unit lent</source>
        <translation>借出设备</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="202"/>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="203"/>
        <source>Lend</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="205"/>
        <source>Mark returned</source>
        <translation>标记已归还</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="224"/>
        <source>Training attendance</source>
        <translation>培训签到</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="226"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="228"/>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="229"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="286"/>
        <source>{n} photo(s) of this visit</source>
        <translation>本次服务共 {n} 张照片</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="332"/>
        <source>returned {when}</source>
        <translation>已于 {when} 归还</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="334"/>
        <source>with the customer</source>
        <translation>在客户处</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="337"/>
        <source>{unit} {serial}: lent {when}, {back}</source>
        <translation>{unit} {serial}：{when} 借出，{back}</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="344"/>
        <source>No unit lent on this visit.</source>
        <translation>本次服务没有借出设备。</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="352"/>
        <source>Spare pool: {held} of {target} held by {holder} (short {short})</source>
        <translation>备件池：{holder} 处有 {held} 台，应备 {target} 台（缺 {short} 台）</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="366"/>
        <source>{n} operator(s) attended</source>
        <translation>共 {n} 人参加</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="367"/>
        <source>Nobody recorded yet.</source>
        <translation>尚无签到记录。</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="380"/>
        <source>Nothing has the code {code}</source>
        <translation>没有编码为 {code} 的配件或设备</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="388"/>
        <source>Part {number}: {name}, {price}</source>
        <translation>配件 {number}：{name}，{price}</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="395"/>
        <source>Unit {serial}: {make} {model}</source>
        <translation>设备 {serial}：{make} {model}</translation>
    </message>
    <message>
        <location filename="../service_panel.py" line="451"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="23"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="25"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="38"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../signature_pad.py" line="40"/>
        <source>Sign here with a finger, a pen or the mouse</source>
        <translation>请用手指、手写笔或鼠标在此签名</translation>
    </message>
</context>
<context>
    <name>SignoffDialog</name>
    <message>
        <location filename="../signoff_dialog.py" line="72"/>
        <source>Sign off job {number}</source>
        <translation>工单 {number} 签字确认</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="105"/>
        <source>Let the customer read the slip: the work, the parts and the charges they sign for.</source>
        <translation>请客户先看服务单：所做的工作、使用的配件和要签字确认的费用。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="113"/>
        <source>Print for a signature on paper…</source>
        <translation>打印纸质单签字…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="117"/>
        <source>The customer signed the paper copy…</source>
        <translation>客户已在纸质单上签名…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="120"/>
        <source>The customer has read it: sign</source>
        <translation>客户已看过：去签字</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="142"/>
        <source>Preparing the slip for the customer to read…</source>
        <translation>正在生成服务单供客户查看…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="153"/>
        <source>Preparing the slip</source>
        <translation>正在生成服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="179"/>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="193"/>
        <source>Total to pay: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>应付金额：&lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="205"/>
        <source>{n} of 5</source>
        <translation>{n} 星（满分 5）</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="210"/>
        <source>Anything the customer wants to say</source>
        <translation>客户的意见或建议</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="216"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="218"/>
        <source>Sign and issue the slip</source>
        <translation>签字并生成服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="224"/>
        <location filename="../signoff_dialog.py" line="292"/>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="225"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="226"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="227"/>
        <location filename="../signoff_dialog.py" line="295"/>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="229"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="257"/>
        <source>Record the signature the customer put on the printed slip. The job is then signed and frozen as with the pad, and the issued slip says it was signed on paper.</source>
        <translation>记录客户在打印的服务单上的签名。之后工单与手写板签名一样视为已签名并锁定，出具的服务单将注明已在纸质件上签名。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="276"/>
        <source>No photo (optional)</source>
        <translation>未附照片（可选）</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="277"/>
        <source>Attach a photo of the signed paper…</source>
        <translation>附上已签名纸质单的照片…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="283"/>
        <source>Back to the slip</source>
        <translation>返回服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="287"/>
        <source>Record the paper signature</source>
        <translation>记录纸质签名</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="293"/>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="294"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="312"/>
        <source>Choose the photo of the signed paper</source>
        <translation>选择已签名纸质单的照片</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="313"/>
        <source>Images (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic *.webp)</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="324"/>
        <source>Photo: {name}</source>
        <translation>照片：{name}</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="345"/>
        <source>Cannot record the signature yet</source>
        <translation>暂时无法记录签名</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="380"/>
        <source>Cannot sign yet</source>
        <translation>还不能签字</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="395"/>
        <location filename="../signoff_dialog.py" line="406"/>
        <source>Signed. Issuing the slip…</source>
        <translation>已签字，正在生成服务单…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="439"/>
        <source>Issuing the slip</source>
        <translation>正在生成服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="450"/>
        <source>Signed. The slip is ready to print or send.</source>
        <translation>已签字，服务单可以打印或发送。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="160"/>
        <location filename="../signoff_dialog.py" line="453"/>
        <source>The slip was saved to {path} but cannot be shown here</source>
        <translation>服务单已保存到 {path}，但无法在此显示</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="171"/>
        <source>Sent to the printer. When the customer has signed the paper, press “The customer signed the paper copy…” and keep the paper with the job.</source>
        <translation>已发送到打印机。客户在纸质单上签名后，请点击“客户已在纸质单上签名…”，并将纸质单随工单保存。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="460"/>
        <source>Signed, but the slip could not be made: {error}</source>
        <translation>已签字，但无法生成服务单：{error}</translation>
    </message>
</context>
<context>
    <name>SlaPanel</name>
    <message>
        <location filename="../sla_panel.py" line="23"/>
        <source>No service-level promise on this job</source>
        <translation>此工单无服务时限承诺</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="45"/>
        <source>due {deadline}</source>
        <translation>截止 {deadline}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="60"/>
        <source>Met ({margin} early)</source>
        <translation>已达成（提前 {margin}）</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="62"/>
        <source>Breached ({late} late)</source>
        <translation>已超时（晚了 {late}）</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="64"/>
        <source>Breached — overdue by {late}</source>
        <translation>已超时 — 超出 {late}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="66"/>
        <source>At risk — {left} left</source>
        <translation>有风险 — 剩余 {left}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="67"/>
        <source>On track — {left} left</source>
        <translation>正常 — 剩余 {left}</translation>
    </message>
</context>
<context>
    <name>SlipPreview</name>
    <message>
        <location filename="../slip_preview.py" line="89"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="91"/>
        <source>Open in PDF viewer</source>
        <translation>用 PDF 阅读器打开</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="131"/>
        <source>Printing the slip</source>
        <translation>正在打印服务单</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="142"/>
        <source>The slip was not printed: the printer could not be opened.</source>
        <translation>服务单没有打印：无法打开打印机。</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="144"/>
        <source>The slip was not printed: its file could not be read.</source>
        <translation>服务单没有打印：无法读取服务单文件。</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="146"/>
        <source>The slip was not printed: {error}</source>
        <translation>服务单没有打印：{error}</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="157"/>
        <source>No program to open PDF files was found. The slip is saved at {path}</source>
        <translation>没有找到可以打开 PDF 文件的程序。服务单已保存在 {path}</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../sync_problems.py" line="62"/>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="70"/>
        <source>Head office has taken every change you made.</source>
        <translation>总部已接收您的全部更改。</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="78"/>
        <source>details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="79"/>
        <source>checklist</source>
        <translation>检查单</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="80"/>
        <source>parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="81"/>
        <source>time</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="82"/>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="83"/>
        <source>photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="84"/>
        <source>service slip</source>
        <translation>服务单</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="85"/>
        <source>estimate</source>
        <translation>报价</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="86"/>
        <source>consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="87"/>
        <source>registration form</source>
        <translation>售后服务登记表</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="88"/>
        <source>piece ready or handed back</source>
        <translation>货品可取件或已交还</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="95"/>
        <source>Head office removed job {job} while your work on it was not yet synced. Your work is kept on this laptop and the job is flagged for review.</source>
        <translation>您在工单 {job} 上的工作尚未同步时，总部删除了该工单。您的工作已保留在本机，并已标记待审核。</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="98"/>
        <source>(no job)</source>
        <translation>（无工单）</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="100"/>
        <source>Your change to job {job} ({part}) was refused by head office: {reason}. It is kept on this laptop.</source>
        <translation>您对工单 {job}（{part}）的更改被总部拒绝：{reason}。更改已保留在本机。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="47"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="93"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="93"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="97"/>
        <source>1 change waiting to sync</source>
        <translation>1 项更改待同步</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="99"/>
        <source>{n} changes waiting to sync</source>
        <translation>{n} 项更改待同步</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="103"/>
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="104"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="112"/>
        <source>1 sync problem…</source>
        <translation>1 个同步问题…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="114"/>
        <source>{n} sync problems…</source>
        <translation>{n} 个同步问题…</translation>
    </message>
</context>
<context>
    <name>TimeEntryModel</name>
    <message>
        <location filename="../time_entry_model.py" line="36"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../time_entry_model.py" line="36"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../time_entry_model.py" line="36"/>
        <source>Stopped</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../time_entry_model.py" line="36"/>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../time_entry_model.py" line="45"/>
        <source>{kind}, outside the agreement</source>
        <translation>{kind}（协议外）</translation>
    </message>
    <message>
        <location filename="../time_entry_model.py" line="52"/>
        <source>running</source>
        <translation>计时中</translation>
    </message>
</context>
<context>
    <name>TimePanel</name>
    <message>
        <location filename="../time_panel.py" line="55"/>
        <source>Start travel</source>
        <translation>开始路途</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="56"/>
        <source>Start labour</source>
        <translation>开始工时</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="57"/>
        <source>Start waiting</source>
        <translation>开始等待</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="64"/>
        <source>Stop</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="72"/>
        <source>Labour outside the agreement (billed)</source>
        <translation>协议外工时（另行收费）</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="88"/>
        <source>Correct the selected entry</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="94"/>
        <source>Apply correction</source>
        <translation>应用更正</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="98"/>
        <source>Outside the agreement (billed)</source>
        <translation>协议外（另行收费）</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="102"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="104"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="148"/>
        <source>{kind}: {minutes} min</source>
        <translation>{kind}：{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="163"/>
        <source>No timer running</source>
        <translation>没有正在计时的项目</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="167"/>
        <source>{kind} running since {start} ({elapsed})</source>
        <translation>{kind}计时中，自 {start} 起（{elapsed}）</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../labels.py" line="108"/>
        <source>pc</source>
        <translation>个</translation>
    </message>
    <message>
        <location filename="../labels.py" line="109"/>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <location filename="../labels.py" line="110"/>
        <source>L</source>
        <translation>升</translation>
    </message>
    <message>
        <location filename="../labels.py" line="111"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location filename="../labels.py" line="112"/>
        <source>g</source>
        <translation>克</translation>
    </message>
    <message>
        <location filename="../labels.py" line="113"/>
        <source>h</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="114"/>
        <source>set</source>
        <translation>套</translation>
    </message>
</context>
<context>
    <name>Vocab</name>
    <message>
        <location filename="../labels.py" line="28"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../labels.py" line="29"/>
        <source>Assigned</source>
        <translation>已派工</translation>
    </message>
    <message>
        <location filename="../labels.py" line="30"/>
        <source>En route</source>
        <translation>在途中</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32"/>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33"/>
        <source>Completed</source>
        <translation>已完工</translation>
    </message>
    <message>
        <location filename="../labels.py" line="34"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../labels.py" line="35"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../labels.py" line="37"/>
        <source>Handed in</source>
        <translation>已收件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="38"/>
        <source>Ready for collection</source>
        <translation>可取件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="39"/>
        <source>Collected</source>
        <translation>已取件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41"/>
        <source>Installation</source>
        <translation>安装调试</translation>
    </message>
    <message>
        <location filename="../labels.py" line="42"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="43"/>
        <source>Maintenance</source>
        <translation>保养</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44"/>
        <source>Inspection</source>
        <translation>巡检</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../labels.py" line="46"/>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../labels.py" line="47"/>
        <source>Guidance</source>
        <translation>技术指导</translation>
    </message>
    <message>
        <location filename="../labels.py" line="48"/>
        <source>Oil test</source>
        <translation>油品检测</translation>
    </message>
    <message>
        <location filename="../labels.py" line="49"/>
        <source>Complaint</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50"/>
        <source>Operator training</source>
        <translation>操作培训</translation>
    </message>
    <message>
        <location filename="../labels.py" line="52"/>
        <source>Total denial</source>
        <translation>全面否定型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="53"/>
        <source>Lack of trust</source>
        <translation>缺乏信任型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="54"/>
        <source>Endless talker</source>
        <translation>喋喋不休型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="55"/>
        <source>Wants it fixed now</source>
        <translation>立竿见影型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="56"/>
        <source>Shifts blame</source>
        <translation>推卸责任型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="57"/>
        <source>Venting</source>
        <translation>发泄情绪型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="59"/>
        <source>Warranty</source>
        <translation>保修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="60"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../labels.py" line="61"/>
        <source>Charged</source>
        <translation>收费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="62"/>
        <source>Prepaid card</source>
        <translation>服务卡</translation>
    </message>
    <message>
        <location filename="../labels.py" line="63"/>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="65"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../labels.py" line="66"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../labels.py" line="67"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../labels.py" line="68"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../labels.py" line="69"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../labels.py" line="70"/>
        <source>Invoice (pay later)</source>
        <translation>开票后付款</translation>
    </message>
    <message>
        <location filename="../labels.py" line="72"/>
        <source>Call-out fee</source>
        <translation>上门费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="73"/>
        <source>Contract visit fee</source>
        <translation>协议保养费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="74"/>
        <source>Work outside the agreement</source>
        <translation>协议外工时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="76"/>
        <source>Travel</source>
        <translation>路途</translation>
    </message>
    <message>
        <location filename="../labels.py" line="77"/>
        <source>Labour</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="78"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../labels.py" line="80"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../labels.py" line="81"/>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location filename="../labels.py" line="82"/>
        <source>Met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../labels.py" line="83"/>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="85"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../labels.py" line="86"/>
        <source>Solution plan</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <location filename="../labels.py" line="87"/>
        <source>Problem solved</source>
        <translation>解决问题</translation>
    </message>
    <message>
        <location filename="../labels.py" line="88"/>
        <source>Phone response</source>
        <translation>电话响应</translation>
    </message>
    <message>
        <location filename="../labels.py" line="89"/>
        <source>Technician on site</source>
        <translation>技术员到场</translation>
    </message>
    <message>
        <location filename="../labels.py" line="90"/>
        <source>Repaired or replaced</source>
        <translation>修复或换机</translation>
    </message>
    <message>
        <location filename="../labels.py" line="91"/>
        <source>Follow-up call</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <location filename="../labels.py" line="93"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../labels.py" line="94"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../labels.py" line="96"/>
        <source>dismantled by the user</source>
        <translation>用户自行拆卸</translation>
    </message>
    <message>
        <location filename="../labels.py" line="97"/>
        <source>repaired by a non-authorised repairer</source>
        <translation>非授权维修点维修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="98"/>
        <source>damaged in the user&apos;s transport or storage</source>
        <translation>用户运输或保管不当</translation>
    </message>
    <message>
        <location filename="../labels.py" line="101"/>
        <source>used against the manual</source>
        <translation>未按说明书使用</translation>
    </message>
    <message>
        <location filename="../labels.py" line="102"/>
        <source>the part is past its own warranty</source>
        <translation>配件已过其保修期</translation>
    </message>
    <message>
        <location filename="../labels.py" line="103"/>
        <source>force majeure</source>
        <translation>不可抗力</translation>
    </message>
    <message>
        <location filename="../labels.py" line="148"/>
        <source>In warranty until {date}</source>
        <translation>保修期内，至 {date}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="149"/>
        <source>In warranty</source>
        <translation>保修期内</translation>
    </message>
    <message>
        <location filename="../labels.py" line="151"/>
        <source>Warranty ended on {date}</source>
        <translation>保修已于 {date} 到期</translation>
    </message>
    <message>
        <location filename="../labels.py" line="153"/>
        <source>Over the warranty&apos;s operating hours</source>
        <translation>超出保修运行小时数</translation>
    </message>
    <message>
        <location filename="../labels.py" line="154"/>
        <source>Not covered: {why}</source>
        <translation>不在保修范围：{why}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="160"/>
        <source>{part} × {qty} @ {price}</source>
        <translation>{part} × {qty}，单价 {price}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="166"/>
        <source>{kind} {minutes} min @ {rate}/h</source>
        <translation>{kind} {minutes} 分钟，{rate}/小时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="170"/>
        <source>{kind} {units} × {rate}</source>
        <translation>{kind} {units} × {rate}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="186"/>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="188"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <location filename="../labels.py" line="189"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
</context>
</TS>
