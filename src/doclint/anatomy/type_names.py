"""The names of the document types (文种), apart from the code that detects them, so that the
command line can offer them as choices without importing the detector (regex, msgspec)."""

from __future__ import annotations

# The fifteen types of 《党政机关公文处理工作条例》 Art. 8, plus the two 报告 refinements.
DOC_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")
REFINED = {"综合报告": "报告", "专项报告": "报告"}
ALL_TYPES = DOC_TYPES + tuple(REFINED)
