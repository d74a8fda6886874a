"""What each .docx example fixture builds, in words a drafter reads (``doclint explain``, docs/rules.md).

The fixtures themselves are built in code by tests/fixtures.py; a test keeps the two lists equal.
"""

from __future__ import annotations

FIXTURE_NOTES: dict[str, str] = {
    "clean-gbt9704": "一份按 GB/T 9704—2012 排好版的请示",
    "tracked-insertion": "排好版的请示，留有一处未接受的修订（插入）",
    "with-comment": "排好版的请示，留有一条审阅批注",
    "hidden-run": "排好版的请示，正文中有一段隐藏文字和一段白色文字",
    "ad-metadata": "排好版的请示，文档属性（作者、来源）写着素材网站名称",
    "songti-12pt-body": "Word 默认样式：正文为宋体小四，没有改成仿宋三号",
    "normal-wrong-runs-right": "“正文”样式是宋体小四，但每段文字都直接设成仿宋_GB2312 三号（Word 中显示正确）",
    "theme-minor-eastasia-fangsong": "没有写字体名，正文字体取自主题，主题的中文字体是仿宋",
    "eastasia-only-font": "默认字体 Calibri/宋体 11 磅，正文文字只设了中文字体和三号字",
    "xiaosan-body": "正文用仿宋，但字号是小三（15 磅）而不是三号",
    "songti-run-in-body": "正文第一段中“机关日常”四个字是宋体，其余为仿宋",
    "title-not-centred": "标题字体字号正确，但左对齐未居中",
    "title-huawen-zhongsong": "标题用华文中宋二号（没有安装小标宋时常用的替代字体）",
    "title-songti-bold-18pt": "标题用宋体加粗小二：字号不对，字体也是替代字体",
    "heading-in-kaiti-level1": "一级标题“一、……”用了楷体（二级标题的字体）",
    "heading-bold-and-run-in": "一级标题黑体加粗；二级标题“（一）……。”与正文同段，句号前楷体、句号后仿宋",
    "numbered-heading-style": "一级标题的“一、”来自 Word 自动编号（标题 1 样式），字体为黑体",
    "with-banji": "排好版的请示，末尾有版记（抄送、印发机关和印发日期），四号仿宋",
    "banji-sanhao": "版记用了三号字而不是四号",
    "word-default-margins": "Word 默认页边距：上下 25.4 毫米，左右 31.8 毫米",
    "gutter-margins": "左边距 23 毫米加装订线 5 毫米：订口仍为 28 毫米",
    "second-section-margins": "第一节按 GB/T 9704 设置，后加的第二节是 Word 默认页边距",
    "letter-paper": "纸张为美国 Letter（215.9 × 279.4 毫米），不是 A4",
    "landscape-table-section": "为宽表格另设一节 A4 横向页面（标准允许）",
    "single-spacing": "“正文”样式单倍行距，没有文档网格",
    "one-half-spacing-direct": "正文各段直接设成 1.5 倍行距（“正文”样式本身正确）",
    "grid-single-spacing": "单倍行距加 28.95 磅行网格、每行 28 字：每页 22 行、每行 28 字",
    "exact-32pt": "固定值 32 磅行距：每页 19 行（地方规范允许 28～33 磅时不算错）",
    "wps-default-grid-single": "单倍行距配默认 15.6 磅行网格：三号字一行占两格（31.2 磅，每页 20 行）",
    "grid-26-chars": "字符网格每行 26 字",
    "no-first-line-indent": "正文各段没有首行缩进（顶格）",
    "spaces-for-indent": "正文第一段用四个半角空格代替首行缩进",
    "indent-twips-only": "首行缩进只写了缇数（640 缇，即三号字 2 字），没有按字符设置",
    "indent-in-normal-style": "首行缩进来自“正文”样式，主送机关和署名另行取消了缩进",
    "recipient-indented": "主送机关一行首行缩进 2 字（应顶格）",
    "blue-body-text": "正文第一段中“所需经费”是蓝色（从网页粘贴时常见）",
    "near-black-text": "正文文字为明确设置的黑色（000000）和 Word 的“黑色，淡色 5%”（0D0D0D）",
    "date-flush-right": "署名和成文日期右对齐、不设右缩进（日期顶到右边距）",
    "date-by-spaces": "署名和成文日期用全角空格推到右侧（左对齐），右侧空四字",
    "no-page-number": "没有页脚，也没有页码",
    "ascii-hyphen-page-number": "页码写成“-1-”，用了半角连字符",
    "centred-page-number": "所有页共用一个居中的“— 1 —”页脚（未分奇偶页）",
    "page-number-complex-field": "页码“— 1 —”用 PAGE 域生成，单页居右、双页居左",
    "page-number-in-content-control": "Word“插入 → 页码”生成的页码：一字线和 PAGE 域在内容控件中",
    "first-page-without-number": "设置了“首页不同”，首页页脚为空（请示不是信函，首页应有页码）",
}


def fixture_note(name: str) -> str:
    """The description of a fixture, or its name when none is written."""
    return FIXTURE_NOTES.get(name, name)
