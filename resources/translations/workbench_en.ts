<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AbandonedTableModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waited before hanging up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AbandonedView</name>
    <message>
        <source>Filter by queue, channel or customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abandoned contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln abandoned contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>of %1 offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandons by hour of day — peak %1:00–%2:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandons by hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2; narrow the period to see all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call detail for this period: the abandon rate above comes from interval summaries, which do not list individual contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer numbers are masked. Click a column title to sort.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AfterFirstPaint</name>
    <message>
        <source>Store damaged</source>
        <extracomment>Start the backup at the latest this long after the window was built, even while views load.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentDetailDialog</name>
    <message>
        <source>Agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily trend of</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) in the period</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(newest %1 shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer numbers are masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentUnits</name>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yuan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentsView</name>
    <message>
        <source>Agent</source>
        <extracomment>the indicators a supervisor judges an agent by, in table order what the drill-down&apos;s headline says about the agent over the period</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an agent to see their contacts and trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter agents by name or ID…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells are coloured against the target: green met, amber at risk, red missed. Double-click an agent for their contacts and daily trend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>targets version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OS user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BotsView</name>
    <message>
        <source>Channel</source>
        <extracomment>channel → its daily report (the busiest channels only)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily, by channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved by the bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred to an agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From question to resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bot sessions against %2 contacts answered by agents: bot share %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bot sessions in this period.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By campaign (select one to see its funnel and agents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaign touches in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer numbers are never shown; amounts are converted sales in yuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: converted amount %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By agent — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentresView</name>
    <message>
        <source>Open lake folder…</source>
        <extracomment>The cards above the league: the chosen centres&apos; overall figures against the targets.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lake:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre league table (against targets and industry benchmarks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a lake folder made by &apos;workbench lake export&apos; to compare centres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open lake folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 centres, whole lake, read-only (the period bar applies to the store); targets are the standard profile; ranked on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All centres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by month per centre</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplianceView</name>
    <message>
        <source>Each touch that broke a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact-rule violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No campaign touches in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 touches broke at least one contact rule (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is broken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries; the hash chain is intact.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n violating touch(es) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsTableModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Met</source>
        <extracomment>(day, queue) pairs from call detail, from summaries, and set aside (engine.source_mix)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Default targets are drawn from industry figures, not from the standard: set your centre&apos;s own under Targets.</source>
        <extracomment>the tiles were updated with a new result (tests, screenshots)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes compared with %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources: call detail for %1 day×queue, summaries for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 overlapping summaries set aside)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data for this period. Choose another period above, or import exports with File → Import… (or drop the files on this window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Could not load: %1</source>
        <extracomment>False for views that show the whole store whatever the period (imports, targets)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialogs</name>
    <message>
        <source>Workbench error</source>
        <extracomment>The titles of our errors (``WorkbenchError.title`` and its subclasses&apos;, English in the pure layers), listed here so that lupdate offers them for translation (``error_title``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong (%1). Workbench keeps running and nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a read-only copy of the store instead? You can look at everything, but not import or change targets, until the other window is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the newest good backup? The damaged file is kept aside.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>%1 more error(s) since; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Latest month</source>
        <extracomment>the bar&apos;s state changed (for settings): {&quot;mode&quot;, &quot;start&quot;, &quot;end&quot;, &quot;queue&quot;, &quot;channel&quot;}</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>This store is open read-only: nothing can be imported.</source>
        <extracomment>True for a re-run (after a mapping or a profile match): no further automatic retry (done, total, message) of the running import the same step as the job&apos;s ``Progress`` (with the file being read, if any) the files of the import that starts the ``ImportResult`` of an import that completed (even if some files were rejected) a one-line message when the import failed (nothing of the file in progress was kept) the user cancelled: nothing of the file in progress was kept (path, preview): a file was rejected because its headers could not be matched [Unreadable]: files rejected for another cause (not a table, damaged, locked, gone)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportHistoryModel</name>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interval summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaign touches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quality inspections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do-not-call list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportsView</name>
    <message>
        <source>Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or drop Excel / CSV exports anywhere on this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a file to see its rejected rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete exactly the rows this file stored, so it can be imported again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) rejected in all</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected rows of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no row was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 (import %2, %3 rows)? Its rows leave every view and report; the file can then be imported again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the running import to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed: %2 rows. It can be imported again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing of the file in progress was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 rejected (see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: already imported, nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: rejected — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2%3 (rows %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntradayView</name>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service level %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts or interval summaries in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days × %2 intervals of %3 minutes; service level %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; lowest %1 on %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the heat map to see that day&apos;s intervals and the contacts of the interval. ◆ holiday, ◇ make-up working day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered per interval on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiPlot</name>
    <message>
        <source>No data in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>m:ss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>Source: %1</source>
        <extracomment>indicators whose contacts are the abandoned ones (the tile&apos;s menu offers that list) (view id, indicator id): the user chose a drill-down from the tile&apos;s menu</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covers %1 of %2 records (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to see its trend; right-click for agents and contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>covers %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By agent (double-click an agent for contacts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The abandoned contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Watched folder</source>
        <extracomment>the watched folder whose imports into this store the user agreed to</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import new exports from %1 into the store %2 from now on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export compliance workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbook written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open monthly file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports (%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait for the current task to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook matches its manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook does not match:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench is still importing or exporting. Cancel it and close now (nothing of the unfinished file is kept), or close by itself when it has finished?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel it and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close when finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench closes when the work is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing of the unfinished file was kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 file(s), %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench tries again when the file is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open monthly file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export compliance workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Intraday mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Workbench %1&lt;/b&gt;&lt;br&gt;The remote-banking centre supervisor&apos;s workbench: imports contact-platform exports, tracks the indicators of GB/T 32312 and the CBA remote-banking norms against your targets, and exports compliance workbooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (temporary — not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only copy: another window holds the store</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Match the columns of %1</source>
        <extracomment>what &quot;Dates written as&quot; offers (``--date-format``&apos;s named forms)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench could not recognise every column of this file. For each column, choose the field it holds (fields marked * are required), or leave it ignored. Save the choice as a profile and next month&apos;s file is matched by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— none —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the header, else from the values (with a warning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1–5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1–10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels (满意, 一般 …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decided from the whole column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. ANSWERED, 接通 (every other value means no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a saved profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction scale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates written as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values meaning yes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As it will be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As written in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this matching as a profile named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. branch-A call details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows as they will be stored show once every required field has a column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s first rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts (call details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interval summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent states / hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaign touches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quality inspections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— ignore —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose the column that holds it in the Field list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every required field has a column.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder watched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Remote Banking Centre, Shanghai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh today&apos;s figures automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New or changed exports saved in this folder are imported in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intraday mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectsModel</name>
    <message>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffingView</name>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erlang A (with abandonment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erlang C (nobody hangs up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next 7 days (forecast)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staffed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short (required − staffed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service level %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted (what-if)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AHT ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target SL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts or interval summaries in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erlang A, patience %1 s (total wait of all callers ÷ abandons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erlang C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; backtest: predicted vs actual SL, mean absolute error %1 over %2 intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; forecast for %1 – %2 (offered and AHT of recent days of the same kind)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent states in this period: staffed agents are unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffed = logged-in time ÷ interval length (agent states).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast check on the held-back week: mean absolute error %1 calls per interval (seasonal-naive baseline %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required %1 agent-hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staffed %1 (short %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted SL %1, ASA %2 s, abandon %3, occupancy %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 intervals below target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recomputed in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the import; nothing of the unfinished file is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts %1 · bot sessions %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last import: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 (%2 MB) — %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary — not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoredPreviewPanel</name>
    <message>
        <source>As it will be stored (first rows):</source>
        <extracomment>emitted after each shown result (tests, screenshots)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file as it would be imported…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file would be refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows would be stored, %2 rejected; nothing is written until Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetHistoryModel</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetProfileModel</name>
    <message>
        <source>at least (≥)</source>
        <extracomment>the rules a target can follow; &quot;&quot; = no target for this indicator the choices of the rule column&apos;s editor (``Qt.UserRole`` data of the header)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most (≤)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within a band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band upper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At-risk margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value that meets the target but lies within this margin of failing it is shown as at risk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the target value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a percentage must lie between 0 and 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the band&apos;s upper end must be above its lower end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the margin must be zero or more, and smaller than the band</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsView</name>
    <message>
        <source>The default targets are a starting point drawn from industry figures (CBA annual reports and common practice), not from the text of GB/T 32312 or the CBA specifications. Set the targets your bank has agreed: every change is kept as a new version, and every export names the version it was judged against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service-level options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off (0 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all offered contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered contacts only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offered minus those abandoned within the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered within (threshold T):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore abandons shorter than (S):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level is counted over:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level = contacts answered within T ÷ the contacts chosen above. With S above 0, contacts abandoned within S seconds leave the answer rate, service level and abandon rate altogether.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the change (e.g. 2027 targets agreed with HQ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: the built-in industry defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: version %1, saved by %2 on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a rule or a value to change it; ratios are in percent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save yet — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The targets have changes that are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as version %1. Every view now judges against it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <source>Export chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plots as a PNG picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick one or more indicators on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The series could not be computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViolationsModel</name>
    <message>
        <source>Touched at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer (masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>compliance</name>
    <message>
        <source>Calling window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches per 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touches per 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch after refusal or complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do-not-call list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>pp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>registry</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intelligent service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intraday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centres (HQ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This view could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>workbook</name>
    <message>
        <source>verified: matches its manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
