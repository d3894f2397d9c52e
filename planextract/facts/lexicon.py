"""Word lists the extraction rules read. One place to extend the vocabulary.

Each list is general Chinese plan language, not taken from any one document:
add words here when a new document family uses a new verb or unit.
"""
from __future__ import annotations

import re

# magnitude prefixes that combine with a base unit (万个, 亿元) or stand alone (突破万亿)
MAGNITUDES = ["万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千", "百"]
MAGNITUDE_FACTOR = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7,
                    "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2}

# base units, longest first inside each group; compound intensities before their parts
CURRENCY_UNITS = ["元/人·年", "元/平方公里", "元/平方米", "元/亩", "元/人", "元/吨", "美元", "元"]
PERCENT_UNITS = ["个百分点", "百分点", "%", "‰"]
INTENSITY_UNITS = ["微克/立方米", "毫克/立方米", "微克每立方米", "毫克每立方米", "千瓦时/万元", "吨二氧化碳/万元", "台/万人", "件/万人", "个/万人", "人/万人", "吨/万元", "吨标准煤/万元", "千克/万元",
                   "立方米/万元", "标准煤/万元"]
COUNT_UNITS = ["台套", "人次", "个", "家", "项", "件", "台", "套", "名", "人", "条", "座", "所", "只", "辆",
               "艘", "架", "户", "款", "种", "处", "张", "部", "篇", "株", "支", "栋", "间", "批次", "场", "根", "列",
               "头", "枝", "棵", "颗", "门", "羽"]  # 生猪3000万头, 鲜切花206亿枝, 100门课程
AREA_UNITS = ["平方公里", "平方千米", "平方米", "平米", "公顷", "亩"]
OTHER_UNITS = ["千瓦时", "千瓦", "兆瓦", "吉瓦", "吨标准煤", "吨标煤", "吨", "千克", "公斤", "斤", "立方米", "公里", "千米", "标准箱", "标箱",
               "GWh", "MWh", "kWh", "EFlops", "PFlops", "hm2", "/10万",
               "TEU", "倍", "分", "岁", "天"]
BASE_UNITS = INTENSITY_UNITS + CURRENCY_UNITS + PERCENT_UNITS + AREA_UNITS + OTHER_UNITS + COUNT_UNITS

COUNT_UNIT_SET = set(COUNT_UNITS)

# characters after 分 that show it is not the unit "points" (分之, 分别, 分钟 …)
NOT_SCORE_AFTER_FEN = set("之别钟类布工析享批期区步级散")

# ---- comparators -------------------------------------------------------------
COMPARATOR_BEFORE = [  # words right before a number
    ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("不超过", "<="), ("不高于", "<="),
    ("不多于", "<="), ("控制在", "="), ("超过", ">"), ("突破", ">"), ("大于", ">"), ("高于", ">"),
    ("多于", ">"), ("超出", ">"), ("逾", ">"), ("超", ">"), ("低于", "<"), ("不足", "<"),
    ("不到", "<"), ("少于", "<"), ("小于", "<"), ("约", "~"), ("接近", "~"), ("近", "~"),
    ("大约", "~"), ("达到", "="), ("达", "="),
]
COMPARATOR_AFTER = [  # words right after number and unit
    ("以上", ">="), ("及以上", ">="), ("以下", "<="), ("以内", "<="), ("之内", "<="),
    ("左右", "~"), ("上下", "~"),
]
APPROX_INFIX = ("余", "多")  # 100余家, 100多家

HEDGES = ("力争", "争取", "争创", "努力")
# 争取上级资金12亿元: 争取 as the verb that secures funds (a result, reported), not a hedge on a goal
SECURING_FUNDS = r"(?:上级|中央|国家|省级?|市级?)?(?:各类|各项)?(?:资金|补助)"

# ---- verbs that govern a number's kind --------------------------------------
INCREMENT_VERBS = ["新增", "新认定", "新培育", "新引进", "新建", "新上", "再建设", "引进培育", "引育",
                   "引进", "招引", "培育", "认定", "建设", "实施", "推广应用", "推广", "提高", "增加",
                   "新开工", "开工", "落地", "新设", "设立", "提升为", "升级为", "转化为", "转为",
                   "加装", "治理", "改造", "新改建", "改扩建", "提供", "布局", "创建", "新建改建", "减少", "净增"]
LEVEL_VERBS = ["建成投用", "构筑形成", "达到", "建成", "形成", "拥有", "保持", "争创", "打造",
               "组建", "实现", "增至", "提升至", "提升到", "提高到", "提高至", "增加到", "突破",
               "超过", "培育形成", "滚动培育", "累计"]
# verbs whose presence starts a new clause of its own (hedge and kind scope stop there)
CLAUSE_VERBS = sorted(set(INCREMENT_VERBS + LEVEL_VERBS + [
    "达", "完成", "推动", "推进", "加快", "提升", "提出", "开展", "成为", "进入", "居", "列", "位居",
    "位于", "跻身", "增长", "下降", "降低", "减少", "控制", "占", "制定", "参与", "主导", "减负",
    "覆盖", "新增制定", "力争", "争取", "努力"]), key=len, reverse=True)

# what follows a verb when the verb is part of a noun: 增加值 (value added), 新增长点, 实现值
VERB_AS_NOUN_TAIL = "值|长点|长极|区(?:面积|绿化|绿地|人口|常住)"  # 增加值, 新增长点, 建成区面积

RATE_CUES = ("增长", "增速", "增幅", "降幅", "涨幅", "跌幅", "下降", "降低", "减少", "年均", "提速", "递增", "增长率",
             "上涨", "上升", "回落", "下跌", "增产", "减产")
SHARE_CUES = ("比重", "占比", "比例", "份额", "覆盖率", "占")
PER_YEAR_CUES = ("每年", "年均", "年平均")
PER_YEAR = re.compile(r"每年|年均|(?<!\d)年平均")  # not 2017年平均汇率
# names of annual averages that are levels, not per-year amounts (PM2.5年均浓度)
ANNUAL_AVERAGE_NAMES = ("年均浓度", "年均气温", "年均降水", "年平均浓度")

# ---- time ---------------------------------------------------------------------
PERIODS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
           "十四五": (2021, 2025), "十五五": (2026, 2030)}

# an indicator that starts with one of these continues the subject of an earlier clause
# (…增加值1200亿元，同比增长9.6%，占GDP比重14.2%)
DEPENDENT_HEADS = ("占", "比重", "比上年", "较上年", "比初步", "较初步", "比去年", "较去年", "增速", "增长", "年均", "增幅", "降幅", "下降", "提高", "提升", "增加", "减少",
                   "降低", "上升", "上涨", "涨幅", "回落", "增产", "减产",
                   "两年平均", "三年平均", "仅", "同比", "扣除",  # …增长7.9%，两年平均增长6.2%
                   "是")  # …2802亿元，是“十二五”末的1.9倍: the multiple is of the earlier subject
# a bare head that names nothing on its own (…企业1200家，总数达6800家)
GENERIC_HEADS = ("总数", "总量", "总额", "数量", "规模", "总规模", "占比", "比例", "和", "及", "与",
                 # a rank's move names nothing either (由第六升至第五)
                 "升", "跃升", "回升", "进位", "前移", "降", "退", "排位", "位次")

# ---- what is not a fact --------------------------------------------------------
# a count right before one of these nouns describes the document's structure, not a region
STRUCTURAL_NOUNS = ("维度", "方面", "重点任务", "主要任务", "重大专项", "重大工程", "任务", "具体指标", "指标", "重点领域", "领域", "板块",
                    "环节", "大类", "方向", "原则", "举措", "措施", "路径", "步骤", "阶段", "要点",
                    "部分", "专项行动", "行动", "工程", "机制", "体系", "目标", "章", "节", "条措施",
                    "个字", "字", "方案", "大", "批", "工作日", "月", "年度", "季度", "小时")
# after a currency amount these nouns make the amount a qualifier (20亿元以上项目)
QUALIFIED_NOUNS = ("项目", "企业", "公司", "上市公司", "产业", "集群", "工程", "园区", "平台", "基地",
                   "大项目", "重大项目", "制造业项目", "产业项目")

LEADING_NOISE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*|\d{1,2}\s+(?=[\u4e00-\u9fff]))?"
    r"(?:(?:到|至|截至|截止|力争到|争取到|预计到)?\s*20\d\d\s*年(?:底|末|前)?[，,]?|"
    r"展望20\d\d年[，,]?|[“\"]?十[一二三四五]五[”\"]?(?:期间|时期|以来|末)?[，,]?|近年来|目前|当前|同时|此外|其中|"
    r"(?:比|较|与)\s*(?:(?:19|20)\d\d\s*年(?:底|末)?|上年(?:末|同期)?|去年(?:同期)?|[“\"]?十[一二三四五]五[”\"]?末)(?:相比)?[，,]?|"
    r"(?:到|至)?(?:今年|去年|明年|本年|上年)(?:上半年|前三季度|一季度|底|末)?[，,]?|上半年|前三季度|"
    r"(?:提出|明确|要求|指出|表示|强调)(?:了)?[，,：:]?|预计(?:将|可|能)?|有望|可望|"
    r"另外|并且|以及|并(?![网购])|且|将|要|再|还|也|均|已|共有|现有|共|全面|基本|持续|进一步|"
    r"全市|全省|全区|全县|全国|我市|我省|本市|本省|市域|全域|全年|同比|比上年|较上年|"
    r"力争|争取|争创|努力|确保|推动|推进|促进|预计|计划|实现|完成|新增|累计|每年|年均|"
    r"新认定|新培育|新引进|新建|建成(?!区)|打造|拥有|认定|培育|引进|招引|引育|创建|形成|各|"
    r"连续[一两二三四五六七八九十\d]+年)+")
TRAILING_NOISE = re.compile(
    r"(?:达到了|达到|高达|多达|长达|约达|更是高达|达|突破|超过|超出|超|逾|大于|小于|多于|少于|高于|缩小|扩大|不低于|不少于|至少|不超过|不高于|低于|不足|不到|约|近|接近|"
    r"比上年|较上年|同比|保持在|保持|稳定在|控制在|提升至|提升到|提高到|提高至|增至|增加到|降至|降到|下降到|为|在|是|有|达至|分别|各|均|都|全部|经最终核实|最终核实|经核实|核实|迈上|迈入|跨越|跨上|站上|站稳|首次|再次|率先|"
    r"实现|完成|到|至|的|了|共|累计|总计|合计|从|由|力争|争取|努力|新增|连续[一两二三四五六七八九十\d]+年|(?:从|由|比|较)?(?:19|20)\d\d年(?:底|末)?|\s)+$")

# short lines of page furniture (counters, contact lines) that carry numbers but no facts
PAGE_FURNITURE = re.compile(r"关键字|关键词|浏览次数|浏览量|访问量|访问人数|访问次数|阅读量|阅读数|点击量|点击数|本网站|本站|评论|点赞|收藏|转发|"
                            r"责任编辑|联系电话|版权所有|Copyright|ICP备")
PAGE_FURNITURE_MAX_CHARS = 80

# money that adds up over a period (投资, 引资, 专项债): a period's total of it is an increment
ACCUMULATED_FLOW = re.compile(r"投资|投入|资金|债券|专项债|融资|引进|招商|引资|到位|补助|支出|拨付|争取|发放|减税|降费|"
                              r"成交|签约|交易额")

# the procedure of a meeting, not a plan's figure: 以99.3%的赞成率审查通过, 应到代表602人, 赞成598票
PROCEDURAL = re.compile(r"赞成|反对票|弃权|投票|表决|应到|实到|出席|列席|旁听")
