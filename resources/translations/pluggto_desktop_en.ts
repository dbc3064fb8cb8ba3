<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
  <context>
    <name>ChannelForm</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="306" />
      <source>warehouse %1, %n unit(s) held back</source>
      <translation>
        <numerusform>warehouse %1, %n unit held back</numerusform>
        <numerusform>warehouse %1, %n units held back</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DemoPage</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="110" />
      <source>%n order(s) paid.</source>
      <translation>
        <numerusform>%n order paid.</numerusform>
        <numerusform>%n orders paid.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="101" />
      <source>%n order(s) moved on in the store: the update goes to Plug.to at the next check (or click Sync now).</source>
      <translation>
        <numerusform>%n order moved on in the store: the update goes to Plug.to at the next check (or click Sync now).</numerusform>
        <numerusform>%n orders moved on in the store: the update goes to Plug.to at the next check (or click Sync now).</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DiagnosticsExportBox</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="175" />
      <source>What goes in the file: %n file(s), %1 before compression.</source>
      <translation>
        <numerusform>What goes in the file: %n file, %1 before compression.</numerusform>
        <numerusform>What goes in the file: %n files, %1 before compression.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>IgnoreDialog</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="23" />
      <source>Ignore %n product(s)? Ignored products are not sent to Plug.to until you undo it.</source>
      <translation>
        <numerusform>Ignore %n product? Ignored products are not sent to Plug.to until you undo it.</numerusform>
        <numerusform>Ignore %n products? Ignored products are not sent to Plug.to until you undo it.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="26" />
      <source>Ignore %n order(s)? Ignored orders are not sent to Linx until you undo it.</source>
      <translation>
        <numerusform>Ignore %n order? Ignored orders are not sent to Linx until you undo it.</numerusform>
        <numerusform>Ignore %n orders? Ignored orders are not sent to Linx until you undo it.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>QueueActions</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="168" />
      <source>%n product(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n product sent to the queue again.</numerusform>
        <numerusform>%n products sent to the queue again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="169" />
      <source>%n product(s) ignored.</source>
      <translation>
        <numerusform>%n product ignored.</numerusform>
        <numerusform>%n products ignored.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="170" />
      <source>%n product(s) back in the queue.</source>
      <translation>
        <numerusform>%n product back in the queue.</numerusform>
        <numerusform>%n products back in the queue.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="174" />
      <source>%n order(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n order sent to the queue again.</numerusform>
        <numerusform>%n orders sent to the queue again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="175" />
      <source>%n order(s) ignored.</source>
      <translation>
        <numerusform>%n order ignored.</numerusform>
        <numerusform>%n orders ignored.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="176" />
      <source>%n order(s) back in the queue.</source>
      <translation>
        <numerusform>%n order back in the queue.</numerusform>
        <numerusform>%n orders back in the queue.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>QueueExport</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="163" />
      <source>%n product(s) exported to %1.</source>
      <translation>
        <numerusform>%n product exported to %1.</numerusform>
        <numerusform>%n products exported to %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="164" />
      <source>%n order(s) exported to %1.</source>
      <translation>
        <numerusform>%n order exported to %1.</numerusform>
        <numerusform>%n orders exported to %1.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>QueueFilters</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n product</numerusform>
        <numerusform>%n products</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>More than %n product(s)</source>
      <translation>
        <numerusform>More than %n product</numerusform>
        <numerusform>More than %n products</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n order</numerusform>
        <numerusform>%n orders</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>More than %n order(s)</source>
      <translation>
        <numerusform>More than %n order</numerusform>
        <numerusform>More than %n orders</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="231" />
      <source>No product in %1; %n in other states.</source>
      <translation>
        <numerusform>No product in %1; %n in other states.</numerusform>
        <numerusform>No product in %1; %n in other states.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="233" />
      <source>No order in %1; %n in other states.</source>
      <translation>
        <numerusform>No order in %1; %n in other states.</numerusform>
        <numerusform>No order in %1; %n in other states.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>QueuePage</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="328" />
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="331" />
      <source>Showing the first %n rows: use the filters or the search to narrow the list.</source>
      <translation>
        <numerusform>Showing the first row: use the filters or the search to narrow the list.</numerusform>
        <numerusform>Showing the first %n rows: use the filters or the search to narrow the list.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="163" />
      <source>%n product(s) exported to %1.</source>
      <translation>
        <numerusform>%n product exported to %1.</numerusform>
        <numerusform>%n products exported to %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="164" />
      <source>%n order(s) exported to %1.</source>
      <translation>
        <numerusform>%n order exported to %1.</numerusform>
        <numerusform>%n orders exported to %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="168" />
      <source>%n product(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n product sent to the queue again.</numerusform>
        <numerusform>%n products sent to the queue again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="169" />
      <source>%n product(s) ignored.</source>
      <translation>
        <numerusform>%n product ignored.</numerusform>
        <numerusform>%n products ignored.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="170" />
      <source>%n product(s) back in the queue.</source>
      <translation>
        <numerusform>%n product back in the queue.</numerusform>
        <numerusform>%n products back in the queue.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="174" />
      <source>%n order(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n order sent to the queue again.</numerusform>
        <numerusform>%n orders sent to the queue again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="175" />
      <source>%n order(s) ignored.</source>
      <translation>
        <numerusform>%n order ignored.</numerusform>
        <numerusform>%n orders ignored.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="176" />
      <source>%n order(s) back in the queue.</source>
      <translation>
        <numerusform>%n order back in the queue.</numerusform>
        <numerusform>%n orders back in the queue.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n product</numerusform>
        <numerusform>%n products</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>More than %n product(s)</source>
      <translation>
        <numerusform>More than %n product</numerusform>
        <numerusform>More than %n products</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n order</numerusform>
        <numerusform>%n orders</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>More than %n order(s)</source>
      <translation>
        <numerusform>More than %n order</numerusform>
        <numerusform>More than %n orders</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="231" />
      <source>No product in %1; %n in other states.</source>
      <translation>
        <numerusform>No product in %1; %n in other states.</numerusform>
        <numerusform>No product in %1; %n in other states.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="233" />
      <source>No order in %1; %n in other states.</source>
      <translation>
        <numerusform>No order in %1; %n in other states.</numerusform>
        <numerusform>No order in %1; %n in other states.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/tray.py" line="172" />
      <source>%n order(s) need attention</source>
      <translation>
        <numerusform>%n order needs attention</numerusform>
        <numerusform>%n orders need attention</numerusform>
      </translation>
    </message>
  </context>
</TS>