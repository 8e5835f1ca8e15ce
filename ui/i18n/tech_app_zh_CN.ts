<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="78"/>
        <source>tech-app cannot open your jobs</source>
        <translation>tech-app 无法打开您的工单</translation>
    </message>
</context>
<context>
    <name>AssetHistoryView</name>
    <message>
        <location filename="../asset_history_view.py" line="47"/>
        <source>No earlier visits of this unit on this device.</source>
        <translation>本机没有该设备以前的服务记录。</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="58"/>
        <source>Last readings</source>
        <translation>上次读数</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="62"/>
        <source>No units on this job</source>
        <translation>此工单没有设备</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="68"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="69"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="70"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="71"/>
        <source>Hour meter</source>
        <translation>小时表</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="72"/>
        <source>Parts replaced</source>
        <translation>更换的配件</translation>
    </message>
    <message>
        <location filename="../asset_history_view.py" line="97"/>
        <source>serial {removed} → {fitted}</source>
        <translation>序列号 {removed} → {fitted}</translation>
    </message>
</context>
<context>
    <name>BackgroundSync</name>
    <message>
        <location filename="../sync_worker.py" line="169"/>
        <source>Your head office login has expired: log in again.</source>
        <translation>总部登录已过期：请重新登录。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="171"/>
        <source>Head office needs a newer version: please update tech-app.</source>
        <translation>总部需要更新的版本：请更新 tech-app。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="173"/>
        <source>Head office has a problem right now; sync will try again.</source>
        <translation>总部服务器暂时出现问题，稍后将自动重试同步。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="175"/>
        <source>Head office asked for a fresh start; sync will try again.</source>
        <translation>总部要求重新同步，稍后将自动重试。</translation>
    </message>
    <message>
        <location filename="../sync_worker.py" line="176"/>
        <source>Head office refused the sync: {detail}</source>
        <translation>总部拒绝了同步：{detail}</translation>
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
        <location filename="../charges_panel.py" line="65"/>
        <source>Estimate before repair</source>
        <translation>维修前报价</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="69"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="77"/>
        <source>The customer has seen these charges and agrees to them</source>
        <translation>客户已看过以上费用并同意</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="80"/>
        <source>Name of the person agreeing</source>
        <translation>同意人姓名</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="81"/>
        <source>Record consent</source>
        <translation>记录同意</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="88"/>
        <source>Planned labour</source>
        <translation>预计工时</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="100"/>
        <source>Charges so far</source>
        <translation>当前费用</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="106"/>
        <source>Quality or installation fault</source>
        <translation>质量或安装问题</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="111"/>
        <source>The customer agrees to the bill as it stands</source>
        <translation>客户同意目前的费用</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="119"/>
        <source>Cause of the fault</source>
        <translation>故障原因</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="162"/>
        <source>Subtotal {subtotal} · tax {tax} · &lt;b&gt;total {total}&lt;/b&gt;</source>
        <translation>小计 {subtotal} · 税 {tax} · &lt;b&gt;合计 {total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="177"/>
        <source>✔ {name} agreed to {total} at {when}</source>
        <translation>✔ {name} 已于 {when} 同意 {total}</translation>
    </message>
    <message>
        <location filename="../charges_panel.py" line="213"/>
        <source>The customer must agree to these charges before signing.</source>
        <translation>签字前须经客户同意这些费用。</translation>
    </message>
</context>
<context>
    <name>ChecklistForm</name>
    <message>
        <location filename="../checklist_form.py" line="71"/>
        <source>This job has no checklist.</source>
        <translation>此工单没有检查表。</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="75"/>
        <source>Next unit to do</source>
        <translation>下一台未完成</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="142"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="150"/>
        <source>last visit: {value}</source>
        <translation>上次：{value}</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="160"/>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="191"/>
        <source>Empty answers are not saved</source>
        <translation>空白答案不会保存</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="243"/>
        <source>{change} since last visit, allowed ±{tolerance}</source>
        <translation>较上次变化 {change}，允许 ±{tolerance}</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="258"/>
        <source>{done} of {total} trucks done</source>
        <translation>共 {total} 台叉车，已完成 {done} 台</translation>
    </message>
    <message>
        <location filename="../checklist_form.py" line="260"/>
        <source>{done} of {total} units done</source>
        <translation>共 {total} 台，已完成 {done} 台</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../history.py" line="101"/>
        <source>Job created</source>
        <translation>工单已创建</translation>
    </message>
    <message>
        <location filename="../history.py" line="103"/>
        <source>Status → {status}</source>
        <translation>状态 → {status}</translation>
    </message>
    <message>
        <location filename="../history.py" line="106"/>
        <source>Job details changed: {fields}</source>
        <translation>工单信息已更改：{fields}</translation>
    </message>
    <message>
        <location filename="../history.py" line="112"/>
        <source> (out of range)</source>
        <translation>（超出范围）</translation>
    </message>
    <message>
        <location filename="../history.py" line="117"/>
        <source>Checklist: {item} = {value}{flag}</source>
        <translation>检查表：{item} = {value}{flag}</translation>
    </message>
    <message>
        <location filename="../history.py" line="122"/>
        <source>Part {number} × {quantity} ({coverage})</source>
        <translation>配件 {number} × {quantity}（{coverage}）</translation>
    </message>
    <message>
        <location filename="../history.py" line="132"/>
        <source>{kind} timer started</source>
        <translation>{kind}计时开始</translation>
    </message>
    <message>
        <location filename="../history.py" line="134"/>
        <source>{kind} time corrected</source>
        <translation>{kind}时间已更正</translation>
    </message>
    <message>
        <location filename="../history.py" line="135"/>
        <source>{kind} timer stopped</source>
        <translation>{kind}计时结束</translation>
    </message>
    <message>
        <location filename="../history.py" line="137"/>
        <source>Estimate shown: {total}</source>
        <translation>已出示报价：{total}</translation>
    </message>
    <message>
        <location filename="../history.py" line="141"/>
        <source>Consent given by {name}</source>
        <translation>{name} 已同意费用</translation>
    </message>
    <message>
        <location filename="../history.py" line="145"/>
        <source>Signed by {name}</source>
        <translation>{name} 已签字</translation>
    </message>
    <message>
        <location filename="../history.py" line="149"/>
        <source>Slip issued (revision {n})</source>
        <translation>已生成服务单（第 {n} 版）</translation>
    </message>
    <message>
        <location filename="../history.py" line="153"/>
        <source>Photo added</source>
        <translation>已添加照片</translation>
    </message>
    <message>
        <location filename="../history.py" line="155"/>
        <source>Unit added to the job</source>
        <translation>已添加设备</translation>
    </message>
    <message>
        <location filename="../history.py" line="157"/>
        <source>Amendment: {reason}</source>
        <translation>更正：{reason}</translation>
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
        <location filename="../history_model.py" line="48"/>
        <source>waiting</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../history_model.py" line="48"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../checklist_editors.py" line="73"/>
        <source>Out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="78"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>JobListPanel</name>
    <message>
        <location filename="../job_list_panel.py" line="62"/>
        <source>Search jobs (Ctrl+F)</source>
        <translation>搜索工单（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="64"/>
        <source>Customer, address, phone, serial or job number; Chinese or English</source>
        <translation>客户、地址、电话、序列号或工单号；中文或英文均可</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="73"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="77"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="84"/>
        <source>Any day</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="85"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="86"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="87"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="88"/>
        <source>On date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="211"/>
        <source>1 job</source>
        <translation>1 个工单</translation>
    </message>
    <message>
        <location filename="../job_list_panel.py" line="211"/>
        <source>{n} jobs</source>
        <translation>{n} 个工单</translation>
    </message>
</context>
<context>
    <name>JobTableModel</name>
    <message>
        <location filename="../job_table_model.py" line="300"/>
        <source>Time window</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="301"/>
        <source>Job</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="302"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="303"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="304"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="305"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="306"/>
        <source>SLA</source>
        <translation>服务时限</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="356"/>
        <source>{mark} {promise} {left}</source>
        <translation>{mark} {promise} {left}</translation>
    </message>
    <message>
        <location filename="../job_table_model.py" line="367"/>
        <source>{state}: {promise} due {deadline}</source>
        <translation>{state}：{promise}截止 {deadline}</translation>
    </message>
</context>
<context>
    <name>JobView</name>
    <message>
        <location filename="../job_view.py" line="77"/>
        <source>Signed: this job is frozen. Later changes are recorded as amendments.</source>
        <translation>已签字：工单已锁定，之后的修改将作为更正记录。</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="84"/>
        <source>En route</source>
        <translation>出发</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="85"/>
        <source>On site</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="86"/>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="87"/>
        <source>Complete</source>
        <translation>完工</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="94"/>
        <location filename="../job_view.py" line="268"/>
        <source>Sign off…</source>
        <translation>签字确认…</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="114"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="115"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="116"/>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="117"/>
        <source>Time</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="118"/>
        <source>Charges</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="119"/>
        <source>Unit history</source>
        <translation>设备履历</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="120"/>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="147"/>
        <source>Click to copy the phone number</source>
        <translation>点击复制电话号码</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="153"/>
        <source>(click to copy)</source>
        <translation>（点击复制）</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="172"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="173"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="174"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="175"/>
        <source>Units</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="176"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="177"/>
        <source>Problem</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="178"/>
        <source>SLA</source>
        <translation>服务时限</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="205"/>
        <source>{name} (class {cls})</source>
        <translation>{name}（{cls} 类客户）</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="214"/>
        <source>{name} — {visits} visits a year, {fee} per unit per visit</source>
        <translation>{name} — 每年 {visits} 次，每台每次 {fee}</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="221"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="239"/>
        <source>No warranty terms</source>
        <translation>无保修条款</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="255"/>
        <source>No units on this job</source>
        <translation>此工单没有设备</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="268"/>
        <source>Slip…</source>
        <translation>服务单…</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="303"/>
        <source>Cannot change the status</source>
        <translation>无法更改状态</translation>
    </message>
    <message>
        <location filename="../job_view.py" line="338"/>
        <source>Copied {phone}</source>
        <translation>已复制 {phone}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="48"/>
        <source>tech-app — field service jobs</source>
        <translation>tech-app — 上门服务工单</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="83"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85"/>
        <source>Sync &amp;problems…</source>
        <translation>同步问题(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>&amp;Search jobs</source>
        <translation>搜索工单(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93"/>
        <source>&amp;Next job</source>
        <translation>下一个工单(&amp;N)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96"/>
        <source>&amp;Previous job</source>
        <translation>上一个工单(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>&amp;Job</source>
        <translation>工单(&amp;J)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="101"/>
        <source>Next &amp;step</source>
        <translation>下一步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>&amp;En route</source>
        <translation>出发(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>&amp;On site</source>
        <translation>到场(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>&amp;Waiting for parts</source>
        <translation>等待配件(&amp;W)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108"/>
        <source>&amp;Complete</source>
        <translation>完工(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111"/>
        <source>Sign &amp;off…</source>
        <translation>签字确认(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="23"/>
        <source>The bill ({bill_total}) is more than the customer agreed to ({consented_total}): show the new total and record their consent again before they sign.</source>
        <translation>费用（{bill_total}）超过客户同意的金额（{consented_total}）：签字前请出示新的合计并再次记录客户同意。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>The bill ({bill_total}) has charges the customer has not agreed to: show the estimate and record their consent before they sign.</source>
        <translation>费用（{bill_total}）含有客户尚未同意的收费：签字前请出示报价并记录客户同意。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>The job database could not be read or written: {error}</source>
        <translation>无法读写工单数据库：{error}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="47"/>
        <source>Something went wrong: {error}</source>
        <translation>出现错误：{error}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>tech-app</source>
        <translation>tech-app</translation>
    </message>
    <message>
        <location filename="../messages.py" line="99"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PartUsageModel</name>
    <message>
        <location filename="../part_usage_model.py" line="54"/>
        <source>Part</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="55"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="56"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="57"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="58"/>
        <source>Coverage</source>
        <translation>承担方</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="59"/>
        <source>For unit</source>
        <translation>用于设备</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="60"/>
        <source>Serials</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../part_usage_model.py" line="78"/>
        <source>Taken although the van stock was short</source>
        <translation>车上库存不足时仍领用</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <location filename="../parts_panel.py" line="62"/>
        <source>Part number or name (or scan the barcode)</source>
        <translation>配件编号或名称（或扫描条码）</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="71"/>
        <location filename="../parts_panel.py" line="214"/>
        <source>No part picked</source>
        <translation>未选择配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="82"/>
        <source>Serial of the part taken out</source>
        <translation>拆下配件的序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="87"/>
        <source>Serial of the part fitted</source>
        <translation>装上配件的序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="92"/>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="104"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="106"/>
        <source>Van stock</source>
        <translation>车上库存</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="109"/>
        <source>For unit</source>
        <translation>用于设备</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="111"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="113"/>
        <source>Removed</source>
        <translation>拆下</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="115"/>
        <source>Fitted</source>
        <translation>装上</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="117"/>
        <source>Serials</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="121"/>
        <source>Paid by</source>
        <translation>承担方</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="124"/>
        <source>Parts used on this job</source>
        <translation>本工单已用配件</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="138"/>
        <source>The job</source>
        <translation>本工单</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="157"/>
        <source>van: {n}</source>
        <translation>车上：{n}</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="219"/>
        <source>{name} — {price} per {unit}</source>
        <translation>{name} — 每{unit} {price}</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="281"/>
        <source>Not enough in the van</source>
        <translation>车上库存不足</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="283"/>
        <source>The van holds {available} {unit} of {part}, {wanted} wanted.
Record it anyway? The van stock will go below zero.</source>
        <translation>车上只有 {available} {unit} {part}，需要 {wanted}。
仍然记录吗？车上库存将变为负数。</translation>
    </message>
    <message>
        <location filename="../parts_panel.py" line="292"/>
        <source>Record anyway</source>
        <translation>仍然记录</translation>
    </message>
</context>
<context>
    <name>PhotoEditor</name>
    <message>
        <location filename="../checklist_editors.py" line="198"/>
        <source>Attach photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="204"/>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="205"/>
        <source>Images (*.png *.jpg *.jpeg *.heic *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.heic *.webp)</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="215"/>
        <source>Photo {sha}…</source>
        <translation>照片 {sha}…</translation>
    </message>
    <message>
        <location filename="../checklist_editors.py" line="218"/>
        <source>Photo attached</source>
        <translation>照片已添加</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="14"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="16"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="23"/>
        <source>A new language is used from the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="30"/>
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
        <location filename="../signoff_dialog.py" line="58"/>
        <source>Sign off job {number}</source>
        <translation>工单 {number} 签字确认</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="87"/>
        <source>Total to pay: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>应付金额：&lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="99"/>
        <source>{n} of 5</source>
        <translation>{n} 星（满分 5）</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="104"/>
        <source>Anything the customer wants to say</source>
        <translation>客户的意见或建议</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="113"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="115"/>
        <source>Sign and issue the slip</source>
        <translation>签字并生成服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="121"/>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="122"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="123"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="124"/>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="126"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="167"/>
        <source>Cannot sign yet</source>
        <translation>暂时不能签字</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="179"/>
        <location filename="../signoff_dialog.py" line="190"/>
        <source>Signed. Issuing the slip…</source>
        <translation>已签字，正在生成服务单…</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="223"/>
        <source>Issuing the slip</source>
        <translation>正在生成服务单</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="234"/>
        <source>Signed. The slip is ready to print or send.</source>
        <translation>已签字，服务单可以打印或发送。</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="237"/>
        <source>The slip was saved to {path} but cannot be shown here</source>
        <translation>服务单已保存到 {path}，但无法在此显示</translation>
    </message>
    <message>
        <location filename="../signoff_dialog.py" line="244"/>
        <source>Signed, but the slip could not be made: {error}</source>
        <translation>已签字，但无法生成服务单：{error}</translation>
    </message>
</context>
<context>
    <name>SlaPanel</name>
    <message>
        <location filename="../sla_panel.py" line="22"/>
        <source>No service-level promise on this job</source>
        <translation>此工单无服务时限承诺</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="37"/>
        <source>due {deadline}</source>
        <translation>截止 {deadline}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="56"/>
        <source>Met ({margin} early)</source>
        <translation>已达成（提前 {margin}）</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="58"/>
        <source>Breached ({late} late)</source>
        <translation>已超时（晚了 {late}）</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="60"/>
        <source>Breached — overdue by {late}</source>
        <translation>已超时 — 超出 {late}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="62"/>
        <source>At risk — {left} left</source>
        <translation>有风险 — 剩余 {left}</translation>
    </message>
    <message>
        <location filename="../sla_panel.py" line="63"/>
        <source>On track — {left} left</source>
        <translation>正常 — 剩余 {left}</translation>
    </message>
</context>
<context>
    <name>SlipPreview</name>
    <message>
        <location filename="../slip_preview.py" line="53"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../slip_preview.py" line="55"/>
        <source>Open in PDF viewer</source>
        <translation>用 PDF 阅读器打开</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../sync_problems.py" line="65"/>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="73"/>
        <source>Head office has taken every change you made.</source>
        <translation>总部已接收您的全部更改。</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="81"/>
        <source>details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="82"/>
        <source>checklist</source>
        <translation>检查单</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="83"/>
        <source>parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="84"/>
        <source>time</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="85"/>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="86"/>
        <source>photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="87"/>
        <source>service slip</source>
        <translation>服务单</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="88"/>
        <source>estimate</source>
        <translation>报价</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="89"/>
        <source>consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="96"/>
        <source>Head office removed job {job} while your work on it was not yet synced. Your work is kept on this laptop and the job is flagged for review.</source>
        <translation>您在工单 {job} 上的工作尚未同步时，总部删除了该工单。您的工作已保留在本机，并已标记待审核。</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="99"/>
        <source>(no job)</source>
        <translation>（无工单）</translation>
    </message>
    <message>
        <location filename="../sync_problems.py" line="101"/>
        <source>Your change to job {job} ({part}) was refused by head office: {reason}. It is kept on this laptop.</source>
        <translation>您对工单 {job}（{part}）的更改被总部拒绝：{reason}。更改已保留在本机。</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="70"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="70"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="74"/>
        <source>1 change waiting to sync</source>
        <translation>1 项更改待同步</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="76"/>
        <source>{n} changes waiting to sync</source>
        <translation>{n} 项更改待同步</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="80"/>
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="81"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="89"/>
        <source>1 sync problem…</source>
        <translation>1 个同步问题…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="91"/>
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
        <location filename="../time_entry_model.py" line="48"/>
        <source>running</source>
        <translation>计时中</translation>
    </message>
</context>
<context>
    <name>TimePanel</name>
    <message>
        <location filename="../time_panel.py" line="51"/>
        <source>Start travel</source>
        <translation>开始路途</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="52"/>
        <source>Start labour</source>
        <translation>开始工时</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="53"/>
        <source>Start waiting</source>
        <translation>开始等待</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="60"/>
        <source>Stop</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="75"/>
        <source>Correct the selected entry</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="81"/>
        <source>Apply correction</source>
        <translation>应用更正</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="84"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="86"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="121"/>
        <source>{kind}: {minutes} min</source>
        <translation>{kind}：{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="132"/>
        <source>No timer running</source>
        <translation>没有正在计时的项目</translation>
    </message>
    <message>
        <location filename="../time_panel.py" line="136"/>
        <source>{kind} running since {start} ({elapsed})</source>
        <translation>{kind}计时中，自 {start} 起（{elapsed}）</translation>
    </message>
</context>
<context>
    <name>Vocab</name>
    <message>
        <location filename="../labels.py" line="24"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../labels.py" line="25"/>
        <source>Assigned</source>
        <translation>已派工</translation>
    </message>
    <message>
        <location filename="../labels.py" line="26"/>
        <source>En route</source>
        <translation>在途中</translation>
    </message>
    <message>
        <location filename="../labels.py" line="27"/>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../labels.py" line="28"/>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location filename="../labels.py" line="29"/>
        <source>Completed</source>
        <translation>已完工</translation>
    </message>
    <message>
        <location filename="../labels.py" line="30"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33"/>
        <source>Installation</source>
        <translation>安装调试</translation>
    </message>
    <message>
        <location filename="../labels.py" line="34"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="35"/>
        <source>Maintenance</source>
        <translation>保养</translation>
    </message>
    <message>
        <location filename="../labels.py" line="36"/>
        <source>Inspection</source>
        <translation>巡检</translation>
    </message>
    <message>
        <location filename="../labels.py" line="37"/>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <location filename="../labels.py" line="38"/>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../labels.py" line="39"/>
        <source>Guidance</source>
        <translation>技术指导</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41"/>
        <source>Warranty</source>
        <translation>保修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="42"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../labels.py" line="43"/>
        <source>Charged</source>
        <translation>收费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44"/>
        <source>Prepaid card</source>
        <translation>服务卡</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45"/>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="47"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../labels.py" line="48"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../labels.py" line="49"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../labels.py" line="52"/>
        <source>Invoice (pay later)</source>
        <translation>开票后付款</translation>
    </message>
    <message>
        <location filename="../labels.py" line="54"/>
        <source>Call-out fee</source>
        <translation>上门费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="55"/>
        <source>Contract visit fee</source>
        <translation>协议保养费</translation>
    </message>
    <message>
        <location filename="../labels.py" line="56"/>
        <source>Work outside the agreement</source>
        <translation>协议外工时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="58"/>
        <source>Travel</source>
        <translation>路途</translation>
    </message>
    <message>
        <location filename="../labels.py" line="59"/>
        <source>Labour</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="60"/>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../labels.py" line="62"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../labels.py" line="63"/>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location filename="../labels.py" line="64"/>
        <source>Met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../labels.py" line="65"/>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="67"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../labels.py" line="68"/>
        <source>Solution plan</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <location filename="../labels.py" line="69"/>
        <source>Problem solved</source>
        <translation>解决问题</translation>
    </message>
    <message>
        <location filename="../labels.py" line="70"/>
        <source>Phone response</source>
        <translation>电话响应</translation>
    </message>
    <message>
        <location filename="../labels.py" line="71"/>
        <source>Technician on site</source>
        <translation>技术员到场</translation>
    </message>
    <message>
        <location filename="../labels.py" line="72"/>
        <source>Repaired or replaced</source>
        <translation>修复或换机</translation>
    </message>
    <message>
        <location filename="../labels.py" line="73"/>
        <source>Follow-up call</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <location filename="../labels.py" line="75"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../labels.py" line="76"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../labels.py" line="78"/>
        <source>dismantled by the user</source>
        <translation>用户自行拆卸</translation>
    </message>
    <message>
        <location filename="../labels.py" line="79"/>
        <source>repaired by a non-authorised repairer</source>
        <translation>非授权维修点维修</translation>
    </message>
    <message>
        <location filename="../labels.py" line="80"/>
        <source>damaged in the user&apos;s transport or storage</source>
        <translation>用户运输或保管不当</translation>
    </message>
    <message>
        <location filename="../labels.py" line="83"/>
        <source>used against the manual</source>
        <translation>未按说明书使用</translation>
    </message>
    <message>
        <location filename="../labels.py" line="84"/>
        <source>the part is past its own warranty</source>
        <translation>配件已过其保修期</translation>
    </message>
    <message>
        <location filename="../labels.py" line="85"/>
        <source>force majeure</source>
        <translation>不可抗力</translation>
    </message>
    <message>
        <location filename="../labels.py" line="112"/>
        <source>In warranty until {date}</source>
        <translation>保修期内，至 {date}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="113"/>
        <source>In warranty</source>
        <translation>保修期内</translation>
    </message>
    <message>
        <location filename="../labels.py" line="115"/>
        <source>Warranty ended on {date}</source>
        <translation>保修已于 {date} 到期</translation>
    </message>
    <message>
        <location filename="../labels.py" line="117"/>
        <source>Over the warranty&apos;s operating hours</source>
        <translation>超出保修运行小时数</translation>
    </message>
    <message>
        <location filename="../labels.py" line="118"/>
        <source>Not covered: {why}</source>
        <translation>不在保修范围：{why}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="124"/>
        <source>{part} × {qty} @ {price}</source>
        <translation>{part} × {qty}，单价 {price}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="130"/>
        <source>{kind} {minutes} min @ {rate}/h</source>
        <translation>{kind} {minutes} 分钟，{rate}/小时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="134"/>
        <source>{kind} {units} × {rate}</source>
        <translation>{kind} {units} × {rate}</translation>
    </message>
    <message>
        <location filename="../labels.py" line="150"/>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <location filename="../labels.py" line="152"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <location filename="../labels.py" line="153"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
</context>
</TS>
