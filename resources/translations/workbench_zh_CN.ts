<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AbandonedTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Waited before hanging up</source>
        <translation>放弃前等待</translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation>客户（已脱敏）</translation>
    </message>
    <message>
        <source>Contact ID</source>
        <translation>流水号</translation>
    </message>
</context>
<context>
    <name>AbandonedView</name>
    <message>
        <source>Filter by queue, channel or customer…</source>
        <translation>按技能组、渠道或客户筛选…</translation>
    </message>
    <message>
        <source>hour of day</source>
        <translation>时段（小时）</translation>
    </message>
    <message>
        <source>abandoned contacts</source>
        <translation>放弃量</translation>
    </message>
    <message numerus="yes">
        <source>%Ln abandoned contact(s)</source>
        <translation>
            <numerusform>放弃 %Ln 通</numerusform>
        </translation>
    </message>
    <message>
        <source>of %1 offered</source>
        <translation>（共 %1 通进线）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Abandons by hour of day — peak %1:00–%2:00</source>
        <translation>各时段放弃量 — 高峰 %1:00–%2:00</translation>
    </message>
    <message>
        <source>Abandons by hour of day</source>
        <translation>各时段放弃量</translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2; narrow the period to see all.</source>
        <translation>显示最新 %1 条（共 %2 条）；缩短期间可查看全部。</translation>
    </message>
    <message>
        <source>No call detail for this period: the abandon rate above comes from interval summaries, which do not list individual contacts.</source>
        <translation>本期没有话单明细：上面的呼损率来自时段汇总报表，汇总报表不列出单个来电。</translation>
    </message>
    <message>
        <source>Customer numbers are masked. Click a column title to sort.</source>
        <translation>客户号码已脱敏。点击列标题可排序。</translation>
    </message>
</context>
<context>
    <name>AfterFirstPaint</name>
    <message>
        <source>Store damaged</source>
        <extracomment>Start the backup at the latest this long after the window was built, even while views load.</extracomment>
        <translation>存储已损坏</translation>
    </message>
</context>
<context>
    <name>AgentDetailDialog</name>
    <message>
        <source>Agent %1</source>
        <translation>坐席 %1</translation>
    </message>
    <message>
        <source>Daily trend of</source>
        <translation>每日趋势：</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) in the period</source>
        <translation>
            <numerusform>本期 %Ln 通</numerusform>
        </translation>
    </message>
    <message>
        <source>(newest %1 shown)</source>
        <translation>（显示最新 %1 条）</translation>
    </message>
    <message>
        <source>customer numbers are masked</source>
        <translation>客户号码已脱敏</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>AgentUnits</name>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>通</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
</context>
<context>
    <name>AgentsView</name>
    <message>
        <source>Agent</source>
        <extracomment>the indicators a supervisor judges an agent by, in table order what the drill-down&apos;s headline says about the agent over the period</extracomment>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Double-click an agent to see their contacts and trend</source>
        <translation>双击坐席查看其服务明细和趋势</translation>
    </message>
    <message>
        <source>Filter agents by name or ID…</source>
        <translation>按姓名或工号筛选坐席…</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最好</translation>
    </message>
    <message>
        <source>Worst</source>
        <translation>最差</translation>
    </message>
    <message>
        <source>Ranking:</source>
        <translation>排名：</translation>
    </message>
    <message>
        <source>Cells are coloured against the target: green met, amber at risk, red missed. Double-click an agent for their contacts and daily trend.</source>
        <translation>单元格按目标着色：绿色达标，琥珀色临界，红色未达标。双击坐席查看其服务明细和每日趋势。</translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n 名坐席</numerusform>
        </translation>
    </message>
    <message>
        <source>targets version %1</source>
        <translation>目标版本 %1</translation>
    </message>
    <message>
        <source>Best %1 by %2</source>
        <translation>%2 最好的 %1 名</translation>
    </message>
    <message>
        <source>Worst %1 by %2</source>
        <translation>%2 最差的 %1 名</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>OS user</source>
        <translation>操作系统用户</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>计算机</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
</context>
<context>
    <name>BotsView</name>
    <message>
        <source>Channel</source>
        <extracomment>channel → its daily report (the busiest channels only)</extracomment>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Daily, by channel:</source>
        <translation>每日，按渠道：</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Questions asked</source>
        <translation>提问数</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>已识别</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话数</translation>
    </message>
    <message>
        <source>Resolved by the bot</source>
        <translation>机器人解决</translation>
    </message>
    <message>
        <source>Transferred to an agent</source>
        <translation>转人工</translation>
    </message>
    <message>
        <source>From question to resolution</source>
        <translation>从提问到解决</translation>
    </message>
    <message>
        <source>%1 bot sessions against %2 contacts answered by agents: bot share %3.</source>
        <translation>智能服务 %1 次，人工接通 %2 通：智能服务占比 %3。</translation>
    </message>
    <message>
        <source>No bot sessions in this period.</source>
        <translation>本期没有智能服务会话。</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>By campaign (select one to see its funnel and agents)</source>
        <translation>按营销活动（选中一项查看漏斗和坐席）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>No campaign touches in this period.</source>
        <translation>本期没有营销外呼。</translation>
    </message>
    <message>
        <source>Customer numbers are never shown; amounts are converted sales in yuan.</source>
        <translation>不显示客户号码；金额为成交金额（元）。</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>触达尝试</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>%1: converted amount %2</source>
        <translation>%1：成交金额 %2</translation>
    </message>
    <message>
        <source>By agent — %1</source>
        <translation>按坐席 — %1</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>全部营销活动</translation>
    </message>
</context>
<context>
    <name>CentresView</name>
    <message>
        <source>Open lake folder…</source>
        <extracomment>The cards above the league: the chosen centres&apos; overall figures against the targets.</extracomment>
        <translation>打开数据湖文件夹…</translation>
    </message>
    <message>
        <source>Lake:</source>
        <translation>数据湖：</translation>
    </message>
    <message>
        <source>Centre:</source>
        <translation>中心：</translation>
    </message>
    <message>
        <source>Rank by:</source>
        <translation>排名依据：</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Centre league table (against targets and industry benchmarks)</source>
        <translation>中心排名表（对照目标值与行业基准）</translation>
    </message>
    <message>
        <source>Open a lake folder made by &apos;workbench lake export&apos; to compare centres.</source>
        <translation>请打开由 “workbench lake export” 生成的数据湖文件夹，以比较各中心。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Open lake folder</source>
        <translation>打开数据湖文件夹</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>%1 centres, whole lake, read-only (the period bar applies to the store); targets are the standard profile; ranked on %2.</source>
        <translation>共 %1 个中心，全部数据湖数据，只读（上方期间栏只作用于本地数据库）；目标值为标准方案；按%2排名。</translation>
    </message>
    <message>
        <source>All centres</source>
        <translation>全部中心</translation>
    </message>
    <message>
        <source>%1 by month per centre</source>
        <translation>各中心%1月度趋势</translation>
    </message>
</context>
<context>
    <name>ComplianceView</name>
    <message>
        <source>Each touch that broke a rule</source>
        <translation>违反规则的每一次触达</translation>
    </message>
    <message>
        <source>Contact-rule violations</source>
        <translation>外呼规则违规</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>No campaign touches in this period.</source>
        <translation>本期没有营销外呼。</translation>
    </message>
    <message>
        <source>%1 of %2 touches broke at least one contact rule (%3).</source>
        <translation>%2 次触达中有 %1 次违反至少一条外呼规则（%3）。</translation>
    </message>
    <message>
        <source>The audit log is broken: %1</source>
        <translation>审计日志已被破坏：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries; the hash chain is intact.</source>
        <translation>
            <numerusform>共 %n 条记录；哈希链完整。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n violating touch(es) listed</source>
        <translation>
            <numerusform>列出 %n 次违规触达</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsTableModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>排队时长</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation>客户（已脱敏）</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Met</source>
        <extracomment>(day, queue) pairs from call detail, from summaries, and set aside (engine.source_mix)</extracomment>
        <translation>达标</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>临界</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>未设目标</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Default targets are drawn from industry figures, not from the standard: set your centre&apos;s own under Targets.</source>
        <extracomment>the tiles were updated with a new result (tests, screenshots)</extracomment>
        <translation>默认目标取自行业数据，并非标准条文：请在“目标”中设定本中心的目标。</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Changes compared with %1 – %2</source>
        <translation>变化对比期间：%1 – %2</translation>
    </message>
    <message>
        <source>Only: %1</source>
        <translation>仅：%1</translation>
    </message>
    <message>
        <source>Targets version %1</source>
        <translation>目标版本 %1</translation>
    </message>
    <message>
        <source>Sources: call detail for %1 day×queue, summaries for %2</source>
        <translation>数据来源：%1 个日期×技能组用话单明细，%2 个用话务汇总</translation>
    </message>
    <message>
        <source> (%1 overlapping summaries set aside)</source>
        <translation>（%1 个重叠的汇总未使用）</translation>
    </message>
    <message>
        <source>No data for this period. Choose another period above, or import exports with File → Import… (or drop the files on this window).</source>
        <translation>本期没有数据。请在上方选择其他期间，或通过“文件 → 导入…”导入报表（也可将文件拖到本窗口）。</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>无法计算指标：%1</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Could not load: %1</source>
        <extracomment>False for views that show the whole store whatever the period (imports, targets)</extracomment>
        <translation>无法加载：%1</translation>
    </message>
</context>
<context>
    <name>ErrorDialogs</name>
    <message>
        <source>Workbench error</source>
        <extracomment>The titles of our errors (``WorkbenchError.title`` and its subclasses&apos;, English in the pure layers), listed here so that lupdate offers them for translation (``error_title``).</extracomment>
        <translation>Workbench 错误</translation>
    </message>
    <message>
        <source>Usage error</source>
        <translation>用法错误</translation>
    </message>
    <message>
        <source>File rejected</source>
        <translation>文件被拒绝</translation>
    </message>
    <message>
        <source>Store unavailable</source>
        <translation>存储不可用</translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation>校验未通过</translation>
    </message>
    <message>
        <source>Cannot write file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Bad value</source>
        <translation>取值无效</translation>
    </message>
    <message>
        <source>Store damaged</source>
        <translation>存储已损坏</translation>
    </message>
    <message>
        <source>Audit log broken</source>
        <translation>审计日志已被破坏</translation>
    </message>
    <message>
        <source>Key missing</source>
        <translation>缺少密钥</translation>
    </message>
    <message>
        <source>The details are in %1.</source>
        <translation>详细信息见 %1。</translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation>无法写入日志文件。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Workbench keeps running and nothing was lost.</source>
        <translation>出现了问题（%1）。工作台仍在运行，没有丢失任何数据。</translation>
    </message>
    <message>
        <source>Open a read-only copy of the store instead? You can look at everything, but not import or change targets, until the other window is closed.</source>
        <translation>改为打开数据库的只读副本？在另一个窗口关闭之前，您可以查看全部内容，但不能导入数据或修改目标。</translation>
    </message>
    <message>
        <source>Restore the newest good backup? The damaged file is kept aside.</source>
        <translation>恢复最新的完好备份？损坏的文件会另行保留。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>%1 more error(s) since; see the log.</source>
        <translation>此后又有 %1 个错误，详见日志。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Latest month</source>
        <extracomment>the bar&apos;s state changed (for settings): {&quot;mode&quot;, &quot;start&quot;, &quot;end&quot;, &quot;queue&quot;, &quot;channel&quot;}</extracomment>
        <translation>最近一个月</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义期间</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上一期</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>下一期</translation>
    </message>
    <message>
        <source>First day (included)</source>
        <translation>起始日（含）</translation>
    </message>
    <message>
        <source>Last day (included)</source>
        <translation>截止日（含）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>全部技能组</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>This store is open read-only: nothing can be imported.</source>
        <extracomment>True for a re-run (after a mapping or a profile match): no further automatic retry (done, total, message) of the running import the same step as the job&apos;s ``Progress`` (with the file being read, if any) the files of the import that starts the ``ImportResult`` of an import that completed (even if some files were rejected) a one-line message when the import failed (nothing of the file in progress was kept) the user cancelled: nothing of the file in progress was kept (path, preview): a file was rejected because its headers could not be matched [Unreadable]: files rejected for another cause (not a table, damaged, locked, gone)</extracomment>
        <translation>数据库以只读方式打开：无法导入。</translation>
    </message>
</context>
<context>
    <name>ImportHistoryModel</name>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>拒收行数</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Why this kind</source>
        <translation>识别依据</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>话单明细</translation>
    </message>
    <message>
        <source>interval summaries</source>
        <translation>时段汇总</translation>
    </message>
    <message>
        <source>agent states</source>
        <translation>坐席工时</translation>
    </message>
    <message>
        <source>bot sessions</source>
        <translation>智能服务会话</translation>
    </message>
    <message>
        <source>campaign touches</source>
        <translation>营销外呼</translation>
    </message>
    <message>
        <source>quality inspections</source>
        <translation>质检记录</translation>
    </message>
    <message>
        <source>do-not-call list</source>
        <translation>免打扰名单</translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>or drop Excel / CSV exports anywhere on this window</source>
        <translation>或将 Excel / CSV 报表拖到本窗口任意位置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Select a file to see its rejected rows.</source>
        <translation>选中一个文件查看其拒收行。</translation>
    </message>
    <message>
        <source>Imported files</source>
        <translation>已导入文件</translation>
    </message>
    <message>
        <source>Remove this import…</source>
        <translation>撤销此次导入…</translation>
    </message>
    <message>
        <source>Delete exactly the rows this file stored, so it can be imported again</source>
        <translation>只删除这个文件存入的数据，之后可以重新导入</translation>
    </message>
    <message>
        <source>The import was not removed: %1</source>
        <translation>未能撤销导入：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported</source>
        <translation>
            <numerusform>已导入 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) rejected in all</source>
        <translation>
            <numerusform>共拒收 %Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected rows of %1 (%2)</source>
        <translation>%1 的拒收行（%2）</translation>
    </message>
    <message>
        <source>%1: no row was rejected.</source>
        <translation>%1：没有拒收行。</translation>
    </message>
    <message>
        <source>Remove this import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Remove %1 (import %2, %3 rows)? Its rows leave every view and report; the file can then be imported again.</source>
        <translation>撤销 %1（导入编号 %2，%3 行）？这些数据将从所有页面和报表中移除；之后可以重新导入该文件。</translation>
    </message>
    <message>
        <source>Wait for the running import to finish.</source>
        <translation>请等待当前导入完成。</translation>
    </message>
    <message>
        <source>%1 removed: %2 rows. It can be imported again.</source>
        <translation>已撤销 %1：删除 %2 行。可以重新导入。</translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation>导入报表</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>报表文件</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>The import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <source>Import cancelled: nothing of the file in progress was kept.</source>
        <translation>已取消导入：正在导入的文件未保留任何数据。</translation>
    </message>
    <message>
        <source>%1: %2 rows imported</source>
        <translation>%1：已导入 %2 行</translation>
    </message>
    <message>
        <source>, %1 rejected (see below)</source>
        <translation>，拒收 %1 行（见下方）</translation>
    </message>
    <message>
        <source>%1: already imported, nothing changed</source>
        <translation>%1：已导入过，没有变化</translation>
    </message>
    <message>
        <source>%1: rejected — %2</source>
        <translation>%1：已拒收 — %2</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>未使用的列：%1</translation>
    </message>
    <message>
        <source>%1 × %2%3 (rows %4)</source>
        <translation>%1 行 × %2%3（第 %4 行）</translation>
    </message>
</context>
<context>
    <name>IntradayView</name>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>offered</source>
        <translation>请求量</translation>
    </message>
    <message>
        <source>service level %</source>
        <translation>服务水平 %</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Wait (s)</source>
        <translation>等待（秒）</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Heat map of</source>
        <translation>热力图指标</translation>
    </message>
    <message>
        <source>No contacts or interval summaries in this period.</source>
        <translation>本期间没有话务明细或时段汇总。</translation>
    </message>
    <message>
        <source>%1 days × %2 intervals of %3 minutes; service level %4</source>
        <translation>%1 天 × %2 个 %3 分钟时段；服务水平 %4</translation>
    </message>
    <message>
        <source>; lowest %1 on %2 at %3</source>
        <translation>；最低 %1（%2 %3）</translation>
    </message>
    <message>
        <source>Click a cell of the heat map to see that day&apos;s intervals and the contacts of the interval. ◆ holiday, ◇ make-up working day.</source>
        <translation>点击热力图的格子，查看当天各时段及该时段的来电明细。◆ 法定节假日，◇ 调休上班日。</translation>
    </message>
    <message>
        <source>Offered per interval on %1</source>
        <translation>%1 各时段请求量</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>KpiPlot</name>
    <message>
        <source>No data in this period</source>
        <translation>此期间没有数据</translation>
    </message>
    <message>
        <source>m:ss</source>
        <translation>分:秒</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>本期：%1</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>Source: %1</source>
        <extracomment>indicators whose contacts are the abandoned ones (the tile&apos;s menu offers that list) (view id, indicator id): the user chose a drill-down from the tile&apos;s menu</extracomment>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Covers %1 of %2 records (%3)</source>
        <translation>覆盖 %2 条记录中的 %1 条（%3）</translation>
    </message>
    <message>
        <source>Click to see its trend; right-click for agents and contacts.</source>
        <translation>单击查看趋势；右键查看各坐席与明细。</translation>
    </message>
    <message>
        <source>covers %1</source>
        <translation>覆盖 %1</translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>No target</source>
        <translation>未设目标</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <source>Trend by day</source>
        <translation>按日趋势</translation>
    </message>
    <message>
        <source>By agent (double-click an agent for contacts)</source>
        <translation>按坐席（双击坐席查看明细）</translation>
    </message>
    <message>
        <source>The abandoned contacts</source>
        <translation>放弃明细</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Watched folder</source>
        <extracomment>the watched folder whose imports into this store the user agreed to</extracomment>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>Import new exports from %1 into the store %2 from now on?</source>
        <translation>今后将 %1 中的新导出文件导入数据库 %2 吗？</translation>
    </message>
    <message>
        <source>Export compliance workbook</source>
        <translation>导出合规报表</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Workbook written: %1</source>
        <translation>报表已保存：%1</translation>
    </message>
    <message>
        <source>The task failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Open monthly file</source>
        <translation>打开月度文件</translation>
    </message>
    <message>
        <source>Exports (%1);;All files (*)</source>
        <translation>报表文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Please wait for the current task to finish</source>
        <translation>请等待当前任务完成</translation>
    </message>
    <message>
        <source>Verify workbook</source>
        <translation>校验报表</translation>
    </message>
    <message>
        <source>The workbook matches its manifest.</source>
        <translation>报表与其清单一致。</translation>
    </message>
    <message>
        <source>The workbook does not match:</source>
        <translation>报表不一致：</translation>
    </message>
    <message>
        <source>An import is still running</source>
        <translation>仍在导入</translation>
    </message>
    <message>
        <source>Workbench is still importing or exporting. Cancel it and close now (nothing of the unfinished file is kept), or close by itself when it has finished?</source>
        <translation>Workbench 仍在导入或导出。现在取消并关闭（未完成的文件不保留任何内容），还是完成后自动关闭？</translation>
    </message>
    <message>
        <source>Cancel it and close</source>
        <translation>取消并关闭</translation>
    </message>
    <message>
        <source>Close when finished</source>
        <translation>完成后关闭</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Workbench closes when the work is done</source>
        <translation>任务完成后 Workbench 将自动关闭</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Import cancelled: nothing of the unfinished file was kept</source>
        <translation>已取消导入：未完成的文件未保留任何数据</translation>
    </message>
    <message>
        <source>Imported %1 file(s), %2 rows</source>
        <translation>已导入 %1 个文件，%2 行</translation>
    </message>
    <message>
        <source>%1 already imported</source>
        <translation>%1 个已导入过</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>%1 个被拒收：%2</translation>
    </message>
    <message>
        <source>Workbench tries again when the file is free.</source>
        <translation>文件释放后 Workbench 会自动重试。</translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation>部分文件未导入</translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation>导入报表</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Open monthly file…</source>
        <translation>打开月度文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Export compliance workbook…</source>
        <translation>导出合规报表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Verify workbook…</source>
        <translation>校验报表(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Intraday mode</source>
        <translation>日内模式(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Workbench</source>
        <translation>关于 Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>About Workbench</source>
        <translation>关于 Workbench</translation>
    </message>
    <message>
        <source>&lt;b&gt;Workbench %1&lt;/b&gt;&lt;br&gt;The remote-banking centre supervisor&apos;s workbench: imports contact-platform exports, tracks the indicators of GB/T 32312 and the CBA remote-banking norms against your targets, and exports compliance workbooks.</source>
        <translation>&lt;b&gt;远程银行工作台 %1&lt;/b&gt;&lt;br&gt;面向远程银行（客服中心）主管的工作台：导入联络平台报表，按本行目标跟踪 GB/T 32312 及中国银行业协会远程银行规范的各项指标，并导出合规报表。</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>远程银行工作台</translation>
    </message>
    <message>
        <source>%1 (temporary — not saved)</source>
        <translation>%1（临时查看 — 不保存）</translation>
    </message>
    <message>
        <source>read-only copy: another window holds the store</source>
        <translation>只读副本：另一个窗口正在使用数据库</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Match the columns of %1</source>
        <extracomment>what &quot;Dates written as&quot; offers (``--date-format``&apos;s named forms)</extracomment>
        <translation>匹配 %1 的列</translation>
    </message>
    <message>
        <source>Workbench could not recognise every column of this file. For each column, choose the field it holds (fields marked * are required), or leave it ignored. Save the choice as a profile and next month&apos;s file is matched by itself.</source>
        <translation>无法识别此文件的全部列。请为每一列选择对应的字段（标 * 的为必填），或将其忽略。将匹配保存为方案后，下个月的文件会自动匹配。</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>from the header, else from the values (with a warning)</source>
        <translation>依据表头，否则依据数值（会提示）</translation>
    </message>
    <message>
        <source>1–5</source>
        <translation>1–5 分制</translation>
    </message>
    <message>
        <source>1–10</source>
        <translation>1–10 分制</translation>
    </message>
    <message>
        <source>labels (满意, 一般 …)</source>
        <translation>文字评价（满意、一般 …）</translation>
    </message>
    <message>
        <source>decided from the whole column</source>
        <translation>按整列判断</translation>
    </message>
    <message>
        <source>e.g. ANSWERED, 接通 (every other value means no)</source>
        <translation>例如 ANSWERED、接通（其他非空值均表示“否”）</translation>
    </message>
    <message>
        <source>Kind of data:</source>
        <translation>数据类型：</translation>
    </message>
    <message>
        <source>Apply a saved profile:</source>
        <translation>使用已保存的方案：</translation>
    </message>
    <message>
        <source>Satisfaction scale:</source>
        <translation>满意度量表：</translation>
    </message>
    <message>
        <source>Dates written as:</source>
        <translation>日期写法：</translation>
    </message>
    <message>
        <source>Values meaning yes:</source>
        <translation>表示“是”的取值：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几行的值</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>As it will be stored</source>
        <translation>入库后的样子</translation>
    </message>
    <message>
        <source>As written in the file</source>
        <translation>文件中的原样</translation>
    </message>
    <message>
        <source>Save this matching as a profile named</source>
        <translation>将此匹配保存为方案，名称</translation>
    </message>
    <message>
        <source>e.g. branch-A call details</source>
        <translation>例如：分行A话单明细</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The rows as they will be stored show once every required field has a column.</source>
        <translation>每个必填字段都选好列后，这里显示入库后的前几行。</translation>
    </message>
    <message>
        <source>The file&apos;s first rows:</source>
        <translation>文件的前几行：</translation>
    </message>
    <message>
        <source>contacts (call details)</source>
        <translation>话单明细</translation>
    </message>
    <message>
        <source>interval summaries</source>
        <translation>时段汇总</translation>
    </message>
    <message>
        <source>agent states / hours</source>
        <translation>坐席状态 / 工时</translation>
    </message>
    <message>
        <source>bot sessions</source>
        <translation>智能服务会话</translation>
    </message>
    <message>
        <source>campaign touches</source>
        <translation>营销外呼</translation>
    </message>
    <message>
        <source>quality inspections</source>
        <translation>质检记录</translation>
    </message>
    <message>
        <source>— ignore —</source>
        <translation>— 忽略 —</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>仍需：%1</translation>
    </message>
    <message>
        <source>choose the column that holds it in the Field list above.</source>
        <translation>请在上方“字段”列表中选择包含它的列。</translation>
    </message>
    <message>
        <source>Every required field has a column.</source>
        <translation>所有必填字段都已匹配到列。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>No folder watched</source>
        <translation>未监视文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>e.g. Remote Banking Centre, Shanghai</source>
        <translation>例如：上海远程银行中心</translation>
    </message>
    <message>
        <source>Refresh today&apos;s figures automatically</source>
        <translation>自动刷新今日指标</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>New or changed exports saved in this folder are imported in the background.</source>
        <translation>保存到此文件夹的新报表或更新的报表会在后台自动导入。</translation>
    </message>
    <message>
        <source>Centre name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <source>Intraday mode</source>
        <translation>日内模式</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>刷新间隔</translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation>要监视的文件夹</translation>
    </message>
</context>
<context>
    <name>RejectsModel</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>违规数</translation>
    </message>
    <message>
        <source>Touches checked</source>
        <translation>检查触达数</translation>
    </message>
</context>
<context>
    <name>StaffingView</name>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Erlang A (with abandonment)</source>
        <translation>Erlang A（含放弃）</translation>
    </message>
    <message>
        <source>Erlang C (nobody hangs up)</source>
        <translation>Erlang C（无人放弃）</translation>
    </message>
    <message>
        <source>Next 7 days (forecast)</source>
        <translation>未来 7 天（预测）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>agents</source>
        <translation>坐席数</translation>
    </message>
    <message>
        <source>required</source>
        <translation>所需</translation>
    </message>
    <message>
        <source>staffed</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>short (required − staffed)</source>
        <translation>缺口（所需 − 在岗）</translation>
    </message>
    <message>
        <source>service level %</source>
        <translation>服务水平 %</translation>
    </message>
    <message>
        <source>predicted (what-if)</source>
        <translation>预测（假设分析）</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Volume ±</source>
        <translation>话务量 ±</translation>
    </message>
    <message>
        <source>AHT ±</source>
        <translation>处理时长 ±</translation>
    </message>
    <message>
        <source>Agents ±</source>
        <translation>坐席 ±</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Target SL</source>
        <translation>目标服务水平</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <source>No contacts or interval summaries in this period.</source>
        <translation>本期间没有话务明细或时段汇总。</translation>
    </message>
    <message>
        <source>Erlang A, patience %1 s (total wait of all callers ÷ abandons)</source>
        <translation>Erlang A，耐心时长 %1 秒（全部来电等待总时长 ÷ 放弃数）</translation>
    </message>
    <message>
        <source>Erlang C</source>
        <translation>Erlang C</translation>
    </message>
    <message>
        <source>; backtest: predicted vs actual SL, mean absolute error %1 over %2 intervals</source>
        <translation>；回测：预测与实际服务水平的平均绝对误差 %1（%2 个时段）</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>; forecast for %1 – %2 (offered and AHT of recent days of the same kind)</source>
        <translation>；%1 – %2 的预测（取最近同类日的请求量和处理时长）</translation>
    </message>
    <message>
        <source>No agent states in this period: staffed agents are unknown.</source>
        <translation>本期间没有坐席状态数据：在岗人数未知。</translation>
    </message>
    <message>
        <source>Staffed = logged-in time ÷ interval length (agent states).</source>
        <translation>在岗人数 = 登录时长 ÷ 时段长度（坐席状态）。</translation>
    </message>
    <message>
        <source>Forecast check on the held-back week: mean absolute error %1 calls per interval (seasonal-naive baseline %2).</source>
        <translation>预测检验（留出最后一周）：每时段平均绝对误差 %1 通（季节性朴素基准 %2）。</translation>
    </message>
    <message>
        <source>Required %1 agent-hours</source>
        <translation>所需 %1 坐席小时</translation>
    </message>
    <message>
        <source>staffed %1 (short %2)</source>
        <translation>在岗 %1（缺口 %2）</translation>
    </message>
    <message>
        <source>predicted SL %1, ASA %2 s, abandon %3, occupancy %4</source>
        <translation>预测服务水平 %1，平均应答 %2 秒，放弃率 %3，占用率 %4</translation>
    </message>
    <message>
        <source>%1 of %2 intervals below target</source>
        <translation>%2 个时段中 %1 个未达目标</translation>
    </message>
    <message>
        <source>recomputed in %1 ms</source>
        <translation>重算用时 %1 毫秒</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the import; nothing of the unfinished file is kept</source>
        <translation>停止导入；未完成的文件不保留任何数据</translation>
    </message>
    <message>
        <source>Contacts %1 · bot sessions %2</source>
        <translation>话单 %1 · 智能服务 %2</translation>
    </message>
    <message>
        <source>Last import: %1</source>
        <translation>最近导入：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Reading %1 (%2 MB) — %3 s</source>
        <translation>正在读取 %1（%2 MB）— 已用 %3 秒</translation>
    </message>
    <message>
        <source>Temporary — not saved: %1</source>
        <translation>临时查看 — 不保存：%1</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>数据库：%1</translation>
    </message>
</context>
<context>
    <name>StoredPreviewPanel</name>
    <message>
        <source>As it will be stored (first rows):</source>
        <extracomment>emitted after each shown result (tests, screenshots)</extracomment>
        <translation>入库后的前几行：</translation>
    </message>
    <message>
        <source>Reading the file as it would be imported…</source>
        <translation>正在按导入方式读取文件…</translation>
    </message>
    <message>
        <source>This file would be refused: %1</source>
        <translation>此文件将被拒绝：%1</translation>
    </message>
    <message>
        <source>%1 rows would be stored, %2 rejected; nothing is written until Import.</source>
        <translation>将入库 %1 行，拒收 %2 行；点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation>预览失败：%1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
</context>
<context>
    <name>TargetHistoryModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
</context>
<context>
    <name>TargetProfileModel</name>
    <message>
        <source>at least (≥)</source>
        <extracomment>the rules a target can follow; &quot;&quot; = no target for this indicator the choices of the rule column&apos;s editor (``Qt.UserRole`` data of the header)</extracomment>
        <translation>不低于 (≥)</translation>
    </message>
    <message>
        <source>at most (≤)</source>
        <translation>不高于 (≤)</translation>
    </message>
    <message>
        <source>within a band</source>
        <translation>区间内</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>不设目标</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Band upper</source>
        <translation>区间上限</translation>
    </message>
    <message>
        <source>At-risk margin</source>
        <translation>临界余量</translation>
    </message>
    <message>
        <source>A value that meets the target but lies within this margin of failing it is shown as at risk.</source>
        <translation>达标但与未达标相差不超过此余量的值显示为“临界”。</translation>
    </message>
    <message>
        <source>Industry default</source>
        <translation>行业默认值</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>enter the target value</source>
        <translation>请输入目标值</translation>
    </message>
    <message>
        <source>a percentage must lie between 0 and 100</source>
        <translation>百分比必须在 0 到 100 之间</translation>
    </message>
    <message>
        <source>the value cannot be negative</source>
        <translation>数值不能为负</translation>
    </message>
    <message>
        <source>the band&apos;s upper end must be above its lower end</source>
        <translation>区间上限必须大于下限</translation>
    </message>
    <message>
        <source>the margin must be zero or more, and smaller than the band</source>
        <translation>余量必须不小于 0，且小于区间宽度</translation>
    </message>
</context>
<context>
    <name>TargetsView</name>
    <message>
        <source>The default targets are a starting point drawn from industry figures (CBA annual reports and common practice), not from the text of GB/T 32312 or the CBA specifications. Set the targets your bank has agreed: every change is kept as a new version, and every export names the version it was judged against.</source>
        <translation>默认目标是取自行业数据（中国银行业协会年度报告及通行做法）的起点，并非 GB/T 32312 或协会规范的条文。请设定本行确定的目标：每次修改都保存为新版本，每份导出报表都注明所依据的目标版本。</translation>
    </message>
    <message>
        <source>Service-level options</source>
        <translation>服务水平选项</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>off (0 s)</source>
        <translation>关闭（0 秒）</translation>
    </message>
    <message>
        <source>all offered contacts</source>
        <translation>全部进线</translation>
    </message>
    <message>
        <source>answered contacts only</source>
        <translation>仅接通的进线</translation>
    </message>
    <message>
        <source>offered minus those abandoned within the threshold</source>
        <translation>进线减去阈值内放弃的</translation>
    </message>
    <message>
        <source>Answered within (threshold T):</source>
        <translation>接通时限（阈值 T）：</translation>
    </message>
    <message>
        <source>Ignore abandons shorter than (S):</source>
        <translation>忽略短于 S 的放弃：</translation>
    </message>
    <message>
        <source>Service level is counted over:</source>
        <translation>服务水平的分母：</translation>
    </message>
    <message>
        <source>Service level = contacts answered within T ÷ the contacts chosen above. With S above 0, contacts abandoned within S seconds leave the answer rate, service level and abandon rate altogether.</source>
        <translation>服务水平 = T 秒内接通量 ÷ 上面选定的进线量。S 大于 0 时，S 秒内放弃的进线不计入接通率、服务水平和呼损率。</translation>
    </message>
    <message>
        <source>Why the change (e.g. 2027 targets agreed with HQ)</source>
        <translation>修改原因（例如：与总行确定的 2027 年目标）</translation>
    </message>
    <message>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>History of the profile</source>
        <translation>目标版本历史</translation>
    </message>
    <message>
        <source>In use: the built-in industry defaults.</source>
        <translation>当前使用：内置行业默认值。</translation>
    </message>
    <message>
        <source>In use: version %1, saved by %2 on %3.</source>
        <translation>当前使用：版本 %1，由 %2 于 %3 保存。</translation>
    </message>
    <message>
        <source>Double-click a rule or a value to change it; ratios are in percent.</source>
        <translation>双击规则或数值即可修改；比率以百分比表示。</translation>
    </message>
    <message>
        <source>Cannot save yet — %1</source>
        <translation>暂时无法保存 — %1</translation>
    </message>
    <message>
        <source>Unsaved targets</source>
        <translation>目标尚未保存</translation>
    </message>
    <message>
        <source>The targets have changes that are not saved yet.</source>
        <translation>目标有尚未保存的修改。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved as version %1. Every view now judges against it.</source>
        <translation>已保存为版本 %1。所有视图现在都按此版本评判。</translation>
    </message>
    <message>
        <source>Options saved.</source>
        <translation>选项已保存。</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Save the plots as a PNG picture</source>
        <translation>将图表保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan</source>
        <translation>滚轮：缩放 · 拖动：平移</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Tick one or more indicators on the left.</source>
        <translation>请在左侧勾选一个或多个指标。</translation>
    </message>
    <message>
        <source>No data for this period.</source>
        <translation>本期没有数据。</translation>
    </message>
    <message>
        <source>The series could not be computed: %1</source>
        <translation>无法计算序列：%1</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>ViolationsModel</name>
    <message>
        <source>Touched at</source>
        <translation>触达时间</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation>客户（已脱敏）</translation>
    </message>
    <message>
        <source>Agent ID</source>
        <translation>坐席工号</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>违反规则</translation>
    </message>
</context>
<context>
    <name>compliance</name>
    <message>
        <source>Calling window</source>
        <translation>外呼时段</translation>
    </message>
    <message>
        <source>Touches per day</source>
        <translation>单日触达次数</translation>
    </message>
    <message>
        <source>Touches per 7 days</source>
        <translation>7日触达次数</translation>
    </message>
    <message>
        <source>Touches per 30 days</source>
        <translation>30日触达次数</translation>
    </message>
    <message>
        <source>Touch after refusal or complaint</source>
        <translation>拒绝或投诉后再次触达</translation>
    </message>
    <message>
        <source>Do-not-call list</source>
        <translation>免打扰名单</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>pp</source>
        <translation>个百分点</translation>
    </message>
</context>
<context>
    <name>registry</name>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Intelligent service</source>
        <translation>智能服务</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>客户经营</translation>
    </message>
    <message>
        <source>Intraday</source>
        <translation>日内</translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Abandoned contacts</source>
        <translation>放弃明细</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>数据导入</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Centres (HQ)</source>
        <translation>中心对比（总部）</translation>
    </message>
    <message>
        <source>This view could not be opened: %1</source>
        <translation>无法打开此视图：%1</translation>
    </message>
</context>
<context>
    <name>workbook</name>
    <message>
        <source>verified: matches its manifest</source>
        <translation>已校验：与校验页一致</translation>
    </message>
    <message>
        <source>NOT verified: %1</source>
        <translation>未通过校验：%1</translation>
    </message>
</context>
</TS>
