"""Drafts in the GB/T 9704—2012 special formats and in the published order, for the .docx corpus.

Loaded by ``make_docx_corpus.py`` (``builders(module)``), which owns the Draft class: the labels
are written from what each builder plants, never from doclint's output.

- 信函格式 (§10.1): the organ's name in red as the 标志, the 发文字号 right-aligned under it, the title;
- 命令（令）格式 (§10.2): “××令” in red and the 令号, the body, the 签发人职务 and the date;
- 纪要格式 (§10.3): “××纪要” in red, the 期号, the title, the body and 出席/列席 lines;
- 文件格式 in the published order: title, the 发文字号 under it, 主送, body, 署名, date,
  （此件公开发布）, then the attachment (its title wrapped over two lines) and the 版记.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

RED = "FF0000"


def builders(m: ModuleType) -> tuple[Callable[[], Any], ...]:
    """The builders, bound to ``make_docx_corpus`` (its Draft, Look and fonts)."""
    Draft, Look, XBS, HEI, TNR = m.Draft, m.Look, m.XBS, m.HEI, m.TNR

    def mark(d: Any, text: str, size: float = 26) -> int:
        """A red 发文机关标志 / 纪要标志 / 命令标志, centred."""
        return int(d.add([(text, {"ea": XBS, "ascii": TNR, "size": size, "color": RED})], jc="center",
                         spacing={"before": "0", "after": "0", "line": "800", "lineRule": "exact"}))

    def number_right(d: Any, text: str) -> int:
        """The 发文字号 flush with the right edge under a red double rule (§10.1)."""
        return int(d.add([text], jc="right", border="top:FF0000:18", ind=m.NO_INDENT))

    def xinhan(name: str, summary: str, *, number: str, title: str, recipient: str, body: list[str],
               close: str, organ: str, date: str, verdict: str) -> Any:
        d = Draft(name, summary, Look(), verdict=verdict, author="办公室")
        mark(d, organ)
        number_right(d, number)
        d.blank()
        d.title(title)
        d.blank()
        d.recipient(recipient)
        for t in body:
            d.text(t)
        d.text(close)
        d.blank()
        d.signature(organ, date)
        d.footer("complex")
        return d

    def clean_xinhan_letter() -> Any:
        return xinhan("clean-xinhan-letter", "函 in the 信函格式 (GB/T 9704 10.1): the organ's full name in red as the "
                   "标志, the 发文字号 right-aligned under a red rule, then the title.",
                   number="青政办函〔2024〕21号", title="青河市人民政府办公室关于商请支持举办2024年青河马拉松赛的函",
                   recipient="内蒙古自治区体育局：",
                   body=["为展示城市形象、推动全民健身，我市拟于2024年9月15日举办2024年青河马拉松赛，设全程马拉松、"
                         "半程马拉松和健康跑三个项目，预计参赛人数1.5万人。",
                         "为确保赛事安全顺利举办，恳请贵局在赛事认证、裁判选派和技术指导等方面给予支持。"],
                   close="请予支持为盼。", organ="青河市人民政府办公室", date="2024年5月20日", verdict="pass")

    def clean_xinhan_reply() -> Any:
        return xinhan("clean-xinhan-reply", "复函 in the 信函格式: 标志, right-aligned 发文字号, title, 主送, body, 此复.",
                      number="青财函〔2024〕33号", title="青河市财政局关于同意调整部分项目支出预算的复函",
                      recipient="市农牧局：",
                      body=["你局《关于调整部分项目支出预算的函》（青农牧函〔2024〕12号）收悉。经研究，同意将高标准农田"
                            "建设项目结余资金126万元调整用于农田水利设施维修，请按规定加强资金管理。"],
                      close="此复。", organ="青河市财政局", date="2024年5月21日", verdict="pass")

    def err_xinhan_number() -> Any:
        d = xinhan("err-xinhan-number", "信函格式 函 with a 发文字号 written “〔2024〕第21号” (第 and an 01-style "
                   "number are not allowed) and a 主送 ending in a half-width colon.",
                   number="青政办函〔2024〕第21号", title="青河市人民政府办公室关于商请提供2023年度统计数据的函",
                   recipient="市统计局:",
                   body=["为编制《青河市国民经济和社会发展第十五个五年规划纲要》，请贵局于2024年6月10日前提供2023年度"
                         "全市主要经济指标统计数据。"],
                   close="请予支持为盼。", organ="青河市人民政府办公室", date="2024年5月23日", verdict="return")
        d.expect("element.doc-number-format", 1, "青政办函〔2024〕第21号")
        d.expect("element.main-recipient-format", 5, "市统计局:")
        d.expect("punctuation.halfwidth-in-cjk", 5, ":", optional=True)
        return d

    def mingling(name: str, summary: str, date: str, verdict: str) -> Any:
        d = Draft(name, summary, Look(), verdict=verdict, author="法制科")
        mark(d, "青河市人民政府令", size=36)
        d.add(["第5号"], jc="center")
        d.blank()
        d.text("《青河市城市生活垃圾分类管理办法》已经2024年5月9日市人民政府第23次常务会议审议通过，现予公布，"
               "自2024年7月1日起施行。")
        d.blank()
        d.signature("市长　李志刚", date)
        d.footer("complex")
        return d

    def clean_mingling() -> Any:
        return mingling("clean-mingling", "命令（令）格式 (GB/T 9704 10.2): “青河市人民政府令” in red, the 令号 "
                        "“第5号”, the body, the 签发人职务 with the name and the date; no title, no 主送.",
                        "2024年5月20日", "pass")

    def err_mingling_date() -> Any:
        d = mingling("err-mingling-date", "命令（令）格式 whose date is written in Chinese numerals in 2024.",
                     "二〇二四年五月二十日", "return")
        d.expect("element.date-format", 6, "二〇二四年五月二十日")
        return d

    def jiyao(name: str, summary: str, items: list[str], verdict: str) -> Any:
        d = Draft(name, summary, Look(body="仿宋_GB2312"), verdict=verdict, author="办公室")
        mark(d, "青河市人民政府常务会议纪要", size=30)
        d.add(["第23期"], jc="center", border="bottom:FF0000:18")
        d.blank()
        d.title("关于研究城区老旧小区改造有关事项的会议纪要")
        d.blank()
        d.text("2024年5月9日，市长李志刚主持召开市人民政府第23次常务会议，研究城区老旧小区改造有关事项。现纪要如下。")
        for t in items:
            d.h1(t) if t.startswith(("一、", "二、", "三、", "四、")) else d.text(t)
        d.blank()
        d.text(("出席：", {"ea": HEI}), "李志刚　王建华　赵丽萍　孙国强")
        d.footer("complex")
        return d

    def clean_jiyao_format() -> Any:
        return jiyao("clean-jiyao-format", "纪要格式 (GB/T 9704 10.3): “××纪要” in red as the 标志, the 期号 over a "
                     "red rule, then the title; no 署名 or date.",
                     ["一、同意调整改造计划", "会议同意将2024年城区老旧小区改造计划由36个小区调整为42个小区。",
                      "二、落实改造资金", "新增部分所需资金由市财政局会同市住房和城乡建设局研究提出解决方案。"], "pass")

    def err_jiyao_numbering() -> Any:
        d = jiyao("err-jiyao-numbering", "纪要格式 whose second 一级标题 is numbered “三、” (a skipped number).",
                  ["一、同意调整改造计划", "会议同意将2024年城区老旧小区改造计划由36个小区调整为42个小区。",
                   "三、落实改造资金", "新增部分所需资金由市财政局会同市住房和城乡建设局研究提出解决方案。"], "return")
        d.expect("structure.heading-continuity", 8, "三、")
        return d

    def jiyao_attendance(name: str, summary: str, *, second: str, basis: str, verdict: str) -> tuple[Any, int]:
        """A 专题会议纪要 of another city, no 期号, with 出席/列席/请假 lists whose names wrap (GB/T 9704 10.3)."""
        d = Draft(name, summary, Look(body="仿宋_GB2312"), verdict=verdict, author="综合科")
        mark(d, "临江市人民政府专题会议纪要", size=26)
        d.blank()
        d.title("关于推进城乡供水一体化工作的会议纪要")
        d.blank()
        d.text("2024年7月16日下午，副市长陈卫东主持召开专题会议，研究城乡供水一体化工作。现将会议议定事项纪要如下。")
        d.h1("一、关于管网延伸工程")
        d.text("会议同意市水务局提出的管网延伸方案，2024年底前完成东岸、北坪两个片区主管网建设。")
        d.h1(second)
        body = d.text(f"会议要求，市财政局要按照{basis}统筹上级补助资金和地方政府专项债券，按工程进度及时拨付。")
        d.blank()
        d.text(("出席：", {"ea": HEI}), "陈卫东　马晓峰（市政府办公室）　韩冰（市水务局）")
        d.text("宋立新（市财政局）　欧阳晨（市发展改革委）", indent={"left": "1600", "firstLine": "0"})
        d.text(("列席：", {"ea": HEI}), "市卫生健康委、市自然资源局、东岸镇、北坪乡有关负责同志")
        d.text(("请假：", {"ea": HEI}), "吕建国（市卫生健康委，外出学习）")
        d.footer("complex")
        return d, body

    def clean_jiyao_attendance() -> Any:
        return jiyao_attendance("clean-jiyao-attendance", "纪要格式 of another city with no 期号 and 出席/列席/请假 lists "
                                "(the 出席 names wrap to an aligned second line); no 署名 or date.",
                                second="二、关于建设资金保障",
                                basis="《关于加快城乡供水一体化建设的实施意见》（临政发〔2024〕15号）", verdict="pass")[0]

    def err_jiyao_attendance() -> Any:
        d, body = jiyao_attendance("err-jiyao-attendance", "the same 纪要 with its second 一级标题 numbered “三、” and a cited "
                             "发文字号 with a two-digit year “〔24〕”.", second="三、关于建设资金保障",
                             basis="《关于加快城乡供水一体化建设的实施意见》（临政发〔24〕15号）", verdict="return")
        d.expect("structure.heading-continuity", body - 1, "三、")
        d.expect("element.doc-number-cited", body, "24")
        return d

    def published(name: str, summary: str, *, number: str, date: str, note_name: str, verdict: str) -> Any:
        d = Draft(name, summary, Look(), verdict=verdict, author="秘书科")
        d.title("青河市人民政府办公室关于印发青河市数字政府建设")
        d.title("三年行动方案（2024—2026年）的通知")
        d.add([number], jc="center")
        d.recipient("各旗县区人民政府，市直各部门：")
        d.text("《青河市数字政府建设三年行动方案（2024—2026年）》已经市人民政府同意，现印发给你们，请认真贯彻执行。")
        d.blank()
        d.text(f"附件：{note_name}")
        d.blank()
        d.signature("青河市人民政府办公室", date)
        d.fuzhu("（此件公开发布）")
        d.add([("附件", {"ea": HEI})], page_break=True, ind=m.NO_INDENT)
        d.title("青河市数字政府建设三年行动方案")
        d.title("（2024—2026年）")
        d.h1("一、总体要求")
        d.text("到2026年，全市政务服务事项网上可办率达到100%，“一网通办”“一网统管”“一网协同”能力全面提升。")
        d.h1("二、重点任务")
        d.text("建设全市统一的政务云平台和数据共享交换平台，推进政务数据按需共享、有序开放。")
        d.banji("抄送：市委办公室，市人大常委会办公室，市政协办公室。", "青河市人民政府办公室", "2024年5月24日印发")
        d.footer("complex")
        return d

    def clean_published_order() -> Any:
        return published("clean-published-order", "通知 in the published (web) order: a two-line title, the 发文字号 "
                         "centred under it, 主送, body, 附件说明, 署名, date, （此件公开发布）, the attachment (its "
                         "title wrapped over two lines), the 版记 last.",
                         number="青政办发〔2024〕18号", date="2024年5月24日",
                         note_name="青河市数字政府建设三年行动方案（2024—2026年）", verdict="pass")

    def err_published_number_date() -> Any:
        d = published("err-published-number-date", "published order with a 发文字号 under the title in square "
                      "brackets and a date with a leading zero, followed by （此件公开发布） and an attachment.",
                      number="青政办发[2024]18号", date="2024年05月24日",
                      note_name="青河市数字政府建设三年行动方案（2024—2026年）", verdict="return")
        d.expect("element.doc-number-format", 2, "青政办发[2024]18号")
        d.expect("element.date-format", 9, "2024年05月24日")
        d.expect("punctuation.halfwidth-in-cjk", 2, "[", optional=True)
        d.expect("number.date-format-body", 9, "05", optional=True)
        return d

    def err_published_attachment() -> Any:
        d = published("err-published-attachment", "published order whose 附件说明 names another attachment than "
                      "the one attached.", number="青政办发〔2024〕18号", date="2024年5月24日",
                      note_name="青河市数字政府建设实施方案", verdict="pass")
        d.expect("structure.attachment-consistency", 12, "青河市数字政府建设三年行动方案")
        return d

    return (clean_xinhan_letter, clean_xinhan_reply, err_xinhan_number, clean_mingling, err_mingling_date,
            clean_jiyao_format, err_jiyao_numbering, clean_published_order, err_published_number_date,
            err_published_attachment, clean_jiyao_attendance, err_jiyao_attendance)
