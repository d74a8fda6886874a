"""LibreOffice helpers shared by the round-trip tests: a Basic macro that accepts every tracked
change and saves the result with a given export filter (Word's final view of a draft)."""

from __future__ import annotations

from xml.sax.saxutils import escape

_ACCEPT_ALL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(src As String, dst As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;{filter}&quot;
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def accept_all_macro(filter_name: str) -> str:
    """Module1.xba for a profile's Standard library: ``AcceptAll(src, dst)`` saves with ``filter_name``
    (``MS Word 2007 XML``, ``Text (encoded)`` …). Call it as ``macro:///Standard.Module1.AcceptAll("src","dst")``."""
    return _ACCEPT_ALL.replace("{filter}", escape(filter_name, {'"': "&quot;"}))
