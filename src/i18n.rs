//! The page's languages: English, Traditional Chinese (the report's own wording) and
//! Simplified Chinese. Pure data and lookups, tested natively: every string the page passes to
//! [`tr`] or [`trf`] must be in [`TABLE`] with all three languages (a test reads the UI source
//! to make sure).
//!
//! The sentences the engine writes (input errors, checks, formulas, trace lines) are
//! [`crate::engine::text::Text`] values with their own table, rendered in the same language.

use crate::engine::field::Figure;
pub use crate::engine::text::Lang;

/// English, Traditional Chinese, Simplified Chinese. `{0}`, `{1}` stand for values.
pub const TABLE: &[(&str, &str, &str)] = &[
    // Page
    ("ESG KPI Calculator", "ESG 關鍵績效指標計算器", "ESG 关键绩效指标计算器"),
    (
        "HKEX ESG environmental KPIs (A1, A2) from activity data — exact decimals, computed in this page; nothing is sent anywhere.",
        "按活動數據計算港交所 ESG 環境關鍵績效指標（A1、A2）——精確十進制運算，全部在本頁內完成，不傳送任何數據。",
        "按活动数据计算港交所 ESG 环境关键绩效指标（A1、A2）——精确十进制运算，全部在本页内完成，不传送任何数据。",
    ),
    (
        "The calculator stopped on an internal error. Nothing more is saved: your last autosave is kept as it was. Reload the page to continue (details in the console).",
        "計算器因內部錯誤而停止。此後不再儲存：最後一次自動儲存保持原樣。請重新載入頁面以繼續（詳情見主控台）。",
        "计算器因内部错误而停止。此后不再保存：最后一次自动保存保持原样。请重新加载页面以继续（详情见控制台）。",
    ),
    ("Reload the page", "重新載入頁面", "重新加载页面"),
    ("{0}{1}", "{0}{1}", "{0}{1}"),
    ("{0}: {1}", "{0}：{1}", "{0}：{1}"),
    (
        "Restored your inputs, saved in an older format ({0}); the original is kept unchanged under “{1}”.",
        "已恢復你以舊格式（{0}）儲存的輸入；原件原封不動保存在「{1}」。",
        "已恢复你以旧格式（{0}）保存的输入；原件原封不动保存在“{1}”。",
    ),
    (
        "Restored your inputs, saved in an older format ({0}). The original could not be copied ({1}), so autosave is paused to keep it: export JSON first if you need it.",
        "已恢復你以舊格式（{0}）儲存的輸入。無法複製原始資料（{1}），故暫停自動儲存以保留原件：如有需要，請先匯出 JSON。",
        "已恢复你以旧格式（{0}）保存的输入。无法复制原始数据（{1}），故暂停自动保存以保留原件：如有需要，请先导出 JSON。",
    ),
    (
        "Your latest autosave could not be read: {0}. Nothing was deleted: {1}. The save before it ({2}) is restored.",
        "無法讀取你最近一次的自動儲存：{0}。沒有刪除任何資料：{1}。已恢復再之前的一次儲存（{2}）。",
        "无法读取你最近一次的自动保存：{0}。没有删除任何数据：{1}。已恢复再之前的一次保存（{2}）。",
    ),
    ("Inputs", "輸入數據", "输入数据"),
    ("Scenario", "情景名稱", "情景名称"),
    ("Reporting period (year)", "報告期（年份）", "报告期（年份）"),
    ("Environmental KPIs", "環境關鍵績效指標", "环境关键绩效指标"),
    (
        "ESG KPI Calculator {0} · method: China regional grid factors, 2006 IPCC Guidelines, GB/T 2589-2008 energy conversion",
        "ESG 關鍵績效指標計算器 {0} · 方法：中國區域電網排放因子、《2006年IPCC國家溫室氣體清單指南》、GB/T 2589-2008 能源換算",
        "ESG 关键绩效指标计算器 {0} · 方法：中国区域电网排放因子、《2006年IPCC国家温室气体清单指南》、GB/T 2589-2008 能源换算",
    ),
    // Periods
    ("Reporting periods", "報告期", "报告期"),
    ("Current period", "本報告期", "本报告期"),
    ("Prior year", "上一年度", "上一年度"),
    ("Base year", "基準年", "基准年"),
    ("+ Add the prior year", "+ 加入上一年度", "+ 加入上一年度"),
    ("+ Add a base year", "+ 加入基準年", "+ 加入基准年"),
    ("Remove this period", "刪除此報告期", "删除此报告期"),
    ("Inputs of the selected period", "所選報告期的輸入數據", "所选报告期的输入数据"),
    (
        "This period uses the current period's method (GWP set, grid edition) unless its scenario JSON sets its own.",
        "除非情景 JSON 另有設定，此報告期沿用本報告期的方法（全球暖化潛勢、電網因子版本）。",
        "除非情景 JSON 另有设定，此报告期沿用本报告期的方法（全球变暖潜势、电网因子版本）。",
    ),
    // Groups and fields
    ("Method — global warming potentials and grid factors", "方法——全球暖化潛勢及電網排放因子", "方法——全球变暖潜势及电网排放因子"),
    ("GWP set (100-year)", "全球暖化潛勢（100年）", "全球变暖潜势（100年）"),
    ("Default ({0})", "預設（{0}）", "默认（{0}）"),
    ("Mainland grid-factor edition", "內地電網排放因子版本", "内地电网排放因子版本"),
    ("Default ({0}, the report's basis)", "預設（{0}，報告所用）", "默认（{0}，报告所用）"),
    ("Combined margin: operating-margin weight w", "組合邊際：電量邊際權重 w", "组合边际：电量边际权重 w"),
    (
        "CM = w·OM + (1−w)·BM; 0.5 by default, 0.75 for wind and solar projects. Blank = 0.5.",
        "CM = w·OM + (1−w)·BM；預設 0.5，風電及太陽能項目為 0.75。留空即 0.5。",
        "CM = w·OM + (1−w)·BM；默认 0.5，风电及太阳能项目为 0.75。留空即 0.5。",
    ),
    ("Organisation — denominators of the intensities", "機構——密度指標的分母", "机构——密度指标的分母"),
    ("Energy — feeds GHG (A1.2) and energy (A2.1)", "能源——用於溫室氣體（A1.2）及能源（A2.1）", "能源——用于温室气体（A1.2）及能源（A2.1）"),
    ("+ Add an energy line", "+ 加入能源項目", "+ 加入能源项目"),
    ("1. Emissions — waste (A1.3, A1.4)", "1. 排放物——廢棄物（A1.3、A1.4）", "1. 排放物——废弃物（A1.3、A1.4）"),
    ("2. Energy and resources — water (A2.2), packaging (A2.5)", "2. 能源及資源——用水（A2.2）、包裝材料（A2.5）", "2. 能源及资源——用水（A2.2）、包装材料（A2.5）"),
    ("Line {0}", "項目 {0}", "项目 {0}"),
    ("Energy line {0}", "能源項目 {0}", "能源项目 {0}"),
    ("Duplicate", "複製", "复制"),
    ("Remove", "刪除", "删除"),
    ("Duplicate energy line {0}", "複製能源項目 {0}", "复制能源项目 {0}"),
    ("Remove energy line {0}", "刪除能源項目 {0}", "删除能源项目 {0}"),
    ("Site", "地點", "地点"),
    ("Source", "能源種類", "能源种类"),
    ("Quantity", "用量", "用量"),
    ("Unit", "單位", "单位"),
    ("Density", "密度", "密度"),
    ("Search the factor library", "搜尋排放因子庫", "搜索排放因子库"),
    ("e.g. 2016 east, CLP, IPCC diesel", "例如：2016 east、CLP、IPCC diesel", "例如：2016 east、CLP、IPCC diesel"),
    ("Emission factor", "排放因子", "排放因子"),
    ("By grid (location-based)", "按電網（基於位置）", "按电网（基于位置）"),
    ("Preset for this fuel", "此燃料的預設因子", "此燃料的默认因子"),
    ("Custom factor (with its source)", "自訂因子（須註明來源）", "自定义因子（须注明来源）"),
    ("Grid", "電網", "电网"),
    ("— choose the grid —", "——選擇電網——", "——选择电网——"),
    ("Factor value", "因子數值", "因子数值"),
    ("Factor unit", "因子單位", "因子单位"),
    ("Source of this factor", "因子來源", "因子来源"),
    ("Factor used: {0}", "所用因子：{0}", "所用因子：{0}"),
    ("{0} (not recognised)", "{0}（無法識別）", "{0}（无法识别）"),
    ("Mainland China, national average", "中國內地全國平均", "中国内地全国平均"),
    ("Hong Kong — HK Electric (by year)", "香港——港燈（按年度）", "香港——港灯（按年度）"),
    ("Hong Kong — CLP Power (by year)", "香港——中電（按年度）", "香港——中电（按年度）"),
    ("Hong Kong — government default 0.7 kg/kWh", "香港——政府預設 0.7 千克/千瓦時", "香港——政府默认 0.7 千克/千瓦时"),
    // Sources
    ("Purchased electricity", "外購電力", "外购电力"),
    ("Natural gas", "天然氣", "天然气"),
    ("Towngas", "煤氣", "煤气"),
    ("LPG", "石油氣", "液化石油气"),
    ("Diesel", "柴油", "柴油"),
    ("Petrol", "汽油", "汽油"),
    // Regional grids
    ("North China grid (華北)", "華北電網", "华北电网"),
    ("Northeast China grid (東北)", "東北電網", "东北电网"),
    ("East China grid (華東)", "華東電網", "华东电网"),
    ("Central China grid (華中)", "華中電網", "华中电网"),
    ("Northwest China grid (西北)", "西北電網", "西北电网"),
    ("China Southern grid (南方)", "南方電網", "南方电网"),
    // Units
    ("m²", "平方米", "平方米"),
    ("people", "人", "人"),
    ("RMB million", "人民幣百萬元", "人民币百万元"),
    ("t", "噸", "吨"),
    ("m³", "立方米", "立方米"),
    ("kg/L", "千克/升", "千克/升"),
    ("t CO2e", "噸二氧化碳當量", "吨二氧化碳当量"),
    ("t CO2e/m²", "噸二氧化碳當量/平方米", "吨二氧化碳当量/平方米"),
    ("t/person", "噸/人", "吨/人"),
    ("MWh", "兆瓦時", "兆瓦时"),
    ("MWh/person", "兆瓦時/人", "兆瓦时/人"),
    ("m³/person", "立方米/人", "立方米/人"),
    ("t/RMB million", "噸/人民幣百萬元", "吨/人民币百万元"),
    // KPI table
    ("Environmental KPIs, computed, with the published figures beside them", "環境關鍵績效指標計算結果，並列已公布數字", "环境关键绩效指标计算结果，并列已公布数字"),
    ("HKEX", "港交所", "港交所"),
    ("KPI", "指標", "指标"),
    ("Computed", "計算結果", "计算结果"),
    ("Published", "已公布", "已公布"),
    ("How it is obtained", "計算方法", "计算方法"),
    ("Prior ({0})", "上年（{0}）", "上年（{0}）"),
    ("Change", "變化", "变化"),
    ("1. Emissions", "1. 排放物", "1. 排放物"),
    ("2. Energy and resource use", "2. 能源及資源消耗", "2. 能源及资源消耗"),
    ("Show the working", "顯示計算過程", "显示计算过程"),
    ("Hide the working", "隱藏計算過程", "隐藏计算过程"),
    ("The computed value, rounded as published, equals it", "計算結果按公布位數四捨五入後與公布數字相同", "计算结果按公布位数四舍五入后与公布数字相同"),
    ("Differs from the computed value: see the checks below", "與計算結果不同：見下方核對", "与计算结果不同：见下方核对"),
    ("1 input needs attention", "有 1 項輸入需要處理", "有 1 项输入需要处理"),
    ("{0} inputs need attention", "有 {0} 項輸入需要處理", "有 {0} 项输入需要处理"),
    (" — the KPIs below are from your last valid input.", "——下列指標來自最近一次有效的輸入。", "——下列指标来自最近一次有效的输入。"),
    ("Formula: {0}", "公式：{0}", "公式：{0}"),
    ("Conversion: {0}", "換算：{0}", "换算：{0}"),
    ("Factor: {0}", "因子：{0}", "因子：{0}"),
    ("Calculation lines ({0})", "計算明細（{0}）", "计算明细（{0}）"),
    // Panels
    ("Breakdown", "細分", "细分"),
    ("Effective grid factor (Σ t ÷ Σ MWh)", "實際綜合電網因子（Σ 噸 ÷ Σ 兆瓦時）", "实际综合电网因子（Σ 吨 ÷ Σ 兆瓦时）"),
    ("Scope 2, market-based", "範圍二（基於市場）", "范围二（基于市场）"),
    ("Scope 1 by gas (GWP {0})", "範圍一按氣體（全球暖化潛勢 {0}）", "范围一按气体（全球变暖潜势 {0}）"),
    ("Energy by source", "按能源種類", "按能源种类"),
    ("Energy in standard coal (GB/T 2589-2008)", "折合標準煤（GB/T 2589-2008）", "折合标准煤（GB/T 2589-2008）"),
    ("Checks", "核對", "核对"),
    ("info", "資料", "信息"),
    ("warning", "注意", "注意"),
    ("error", "錯誤", "错误"),
    ("What the published table implies ({0})", "已公布數字所隱含的數值（{0}）", "已公布数字所隐含的数值（{0}）"),
    ("Implied", "隱含數值", "隐含数值"),
    ("Value", "數值", "数值"),
    ("Rounding range", "四捨五入範圍", "四舍五入范围"),
    ("From", "來源", "来源"),
    ("Appendix: method and factor sources", "附錄：計算方法及因子來源", "附录：计算方法及因子来源"),
    ("How each KPI is obtained", "各指標的計算方法", "各指标的计算方法"),
    // Charts
    ("Charts", "圖表", "图表"),
    ("GHG emissions: Scope 1 and Scope 2 (t CO2e)", "溫室氣體排放：範圍一及範圍二（噸二氧化碳當量）", "温室气体排放：范围一及范围二（吨二氧化碳当量）"),
    ("Scope 1 (direct)", "範圍一（直接）", "范围一（直接）"),
    ("Scope 2 (indirect)", "範圍二（間接）", "范围二（间接）"),
    ("Energy mix (MWh)", "能源結構（兆瓦時）", "能源结构（兆瓦时）"),
    ("GHG emissions by site (t CO2e)", "按地點的溫室氣體排放（噸二氧化碳當量）", "按地点的温室气体排放（吨二氧化碳当量）"),
    ("GHG emissions by site: the {0} largest of {1} (t CO2e)", "按地點的溫室氣體排放：{1} 個地點中最大的 {0} 個（噸二氧化碳當量）", "按地点的温室气体排放：{1} 个地点中最大的 {0} 个（吨二氧化碳当量）"),
    ("(no site)", "（未填地點）", "（未填地点）"),
    ("This period against the prior one (each KPI on its own scale)", "本期與上期比較（各指標按各自比例）", "本期与上期比较（各指标按各自比例）"),
    // Toolbar and notices
    ("Scenario and exports", "情景及匯出", "情景及导出"),
    ("Export JSON", "匯出 JSON", "导出 JSON"),
    ("Import JSON", "匯入 JSON", "导入 JSON"),
    ("Copy link", "複製連結", "复制链接"),
    ("KPI table CSV", "指標表 CSV", "指标表 CSV"),
    ("Calculation lines CSV", "計算明細 CSV", "计算明细 CSV"),
    ("Copy for Excel", "複製到 Excel", "复制到 Excel"),
    ("Print", "列印", "打印"),
    ("Reset to the example", "重設為範例", "重置为示例"),
    ("Replace your inputs with the 2018 example? ", "以 2018 年範例取代你的輸入？", "以 2018 年示例替换你的输入？"),
    ("Replace your inputs with the example?", "以範例取代你的輸入？", "以示例替换你的输入？"),
    ("Replace my inputs", "取代我的輸入", "替换我的输入"),
    ("Keep my inputs", "保留我的輸入", "保留我的输入"),
    ("Dismiss", "關閉", "关闭"),
    ("Dismiss this message", "關閉此訊息", "关闭此消息"),
    ("Restore my previous inputs", "恢復我之前的輸入", "恢复我之前的输入"),
    // Notices about the user's data
    ("Your saved inputs could not be read: {0}. Nothing was deleted: {1}. The example is shown instead.", "無法讀取你儲存的輸入：{0}。沒有刪除任何資料：{1}。現顯示範例。", "无法读取你保存的输入：{0}。没有删除任何数据：{1}。现显示示例。"),
    ("it was kept aside in this browser under “{0}”", "已另存於本瀏覽器的「{0}」", "已另存于本浏览器的「{0}」"),
    ("it could not be set aside ({0}), so it was left where it was", "無法另存（{0}），因此保留原處", "无法另存（{0}），因此保留原处"),
    ("Loaded the scenario from the link. It lives in the link itself and is never sent to a server.", "已從連結載入情景。情景資料只存在於連結本身，不會傳送到伺服器。", "已从链接载入情景。情景数据只存在于链接本身，不会发送到服务器。"),
    (" Your previous inputs in this browser were kept.", "你在本瀏覽器之前的輸入已保留。", "你在本浏览器之前的输入已保留。"),
    ("The scenario in this link could not be read: {0}.", "無法讀取此連結中的情景：{0}。", "无法读取此链接中的情景：{0}。"),
    ("Restored your inputs from this browser's autosave.", "已從本瀏覽器的自動儲存恢復你的輸入。", "已从本浏览器的自动保存恢复你的输入。"),
    ("Autosave is off: {0}. The calculator works; export your scenario as JSON to keep it.", "自動儲存已停用：{0}。計算器仍可使用；請匯出 JSON 以保存情景。", "自动保存已停用：{0}。计算器仍可使用；请导出 JSON 以保存情景。"),
    ("Exported the scenario as esg-kpi-scenario.json.", "已匯出情景為 esg-kpi-scenario.json。", "已导出情景为 esg-kpi-scenario.json。"),
    ("The export failed: {0}.", "匯出失敗：{0}。", "导出失败：{0}。"),
    ("{0} was not imported: {1}. Your inputs are unchanged.", "未能匯入 {0}：{1}。你的輸入沒有改變。", "未能导入 {0}：{1}。你的输入没有改变。"),
    ("Link copied ({0} characters). The scenario is in the link itself and is never sent to a server.", "已複製連結（{0} 個字元）。情景資料只存在於連結本身，不會傳送到伺服器。", "已复制链接（{0} 个字符）。情景数据只存在于链接本身，不会发送到服务器。"),
    ("The link is in the address bar; copying it failed ({0}).", "連結已在網址列；複製失敗（{0}）。", "链接已在地址栏；复制失败（{0}）。"),
    ("KPI table copied: paste it into Excel.", "已複製指標表：可貼上到 Excel。", "已复制指标表：可粘贴到 Excel。"),
    ("Copying failed ({0}); download the CSV instead.", "複製失敗（{0}）；請改為下載 CSV。", "复制失败（{0}）；请改为下载 CSV。"),
    ("The example is loaded. Your inputs were kept in this browser as a backup.", "已載入範例。你的輸入已在本瀏覽器保留備份。", "已载入示例。你的输入已在本浏览器保留备份。"),
    ("The example is loaded.", "已載入範例。", "已载入示例。"),
    // The working and the appendix
    ("(custom)", "（自訂）", "（自定义）"),
    ("GWP set {0}; Mainland grid factors {1}; energy in standard coal: {2}.", "GWP 組別 {0}；內地電網排放因子 {1}；折標準煤：{2}。", "GWP 组别 {0}；内地电网排放因子 {1}；折标准煤：{2}。"),
    ("{0} {1} (exact)", "{0} {1}（精確值）", "{0} {1}（精确值）"),
    ("Factor {0}: {1} {2}", "排放因子 {0}：{1} {2}", "排放因子 {0}：{1} {2}"),
    // Factor statuses, chosen at run time
    ("verified", "已核實", "已核实"),
    ("secondary", "次級來源", "次级来源"),
    ("unverified", "未核實", "未核实"),
    ("custom", "自訂", "自定义"),
    ("Waste by kind", "按類別劃分的廢棄物", "按类别划分的废弃物"),
    ("{0} ({1})", "{0}（{1}）", "{0}（{1}）"),
    ("Lines without a site", "未註明地點的項目", "未注明地点的项目"),
    ("grid {0}", "電網 {0}", "电网 {0}"),
    ("+ Add a line at {0}", "+ 在{0}新增項目", "+ 在{0}新增项目"),
    ("Read only: the inputs are shown as they are and cannot be changed here.", "唯讀：輸入數據僅供查看，不能在此更改。", "只读：输入数据仅供查看，不能在此更改。"),
    // Currency, production, waste by kind, undo
    ("The load is redone.", "已重做載入。", "已重做载入。"),
    ("The load is undone: your inputs from before it are back.", "已撤銷載入：載入前的輸入已恢復。", "已撤销载入：载入前的输入已恢复。"),
    ("Redo the load", "重做載入", "重做载入"),
    ("Undo the last load", "撤銷上次載入", "撤销上次载入"),
    ("Imported {0}. The previous inputs were replaced; “Undo the last load” brings them back.", "已匯入 {0}，之前的輸入已被取代；按「撤銷上次載入」可恢復。", "已汇入 {0}，之前的输入已被取代；按“撤销上次载入”可恢复。"),
    ("The items below give this total; a figure typed here is only compared with them.", "此總量由下列各項得出；在此填寫的數字只用作核對。", "此总量由下列各项得出；在此填写的数字只用作核对。"),
    ("The KPIs are per RMB million: revenue is converted at this rate.", "指標以每百萬元人民幣計：收入按此匯率換算。", "指标以每百万元人民币计：收入按此汇率换算。"),
    ("Adds intensities per unit of production (HKEX: e.g. per unit of production volume).", "加入每單位產量的密度（港交所：例如以每產量單位計算）。", "加入每单位产量的密度（港交所：例如以每产量单位计算）。"),
    ("+ Add waste by kind", "+ 按類別新增廢棄物", "+ 按类别新增废弃物"),
    ("hazardous", "有害", "有害"),
    ("non-hazardous", "無害", "无害"),
    ("As its kind: hazardous", "按類別：有害", "按类别：有害"),
    ("As its kind: non-hazardous", "按類別：無害", "按类别：无害"),
    ("As its kind", "按類別", "按类别"),
    ("Hazardous", "有害", "有害"),
    ("Non-hazardous", "無害", "无害"),
    ("kg", "公斤", "公斤"),
    ("Kind of waste", "廢棄物類別", "废弃物类别"),
    ("Counts as", "歸類為", "归类为"),
    ("Per unit of production", "每單位產量", "每单位产量"),
    ("{0} million", "百萬{0}", "百万{0}"),
    ("RMB per 1 {0}", "每 1 {0} 兌人民幣", "每 1 {0} 兑人民币"),
    ("Waste item {0}", "廢棄物項目 {0}", "废弃物项目 {0}"),
    ("Duplicate {0}", "複製{0}", "复制{0}"),
    ("Remove {0}", "刪除{0}", "删除{0}"),
    // Importing activity rows
    ("pasted cells", "貼上的儲存格", "粘贴的单元格"),
    ("Nothing was imported; your inputs are as they were.", "沒有匯入任何數據；你的輸入保持不變。", "没有导入任何数据；你的输入保持不变。"),
    ("Close", "關閉", "关闭"),
    ("Import preview", "匯入預覽", "导入预览"),
    ("Lines not imported", "未匯入的行", "未导入的行"),
    ("Line", "行", "行"),
    ("Column", "欄", "列"),
    ("Problem", "問題", "问题"),
    ("Cancel", "取消", "取消"),
    ("Import activity rows (CSV, Excel workbook, pasted cells)", "匯入活動數據（CSV、Excel 活頁簿、貼上的儲存格）", "导入活动数据（CSV、Excel 工作簿、粘贴的单元格）"),
    ("Columns: site, month or period, source, quantity, unit, and optionally density, grid, factor, note — headers in English or Chinese (地點, 月份, 能源, 用量, 單位). Drop a file here or choose one.", "欄位：地點、月份或期間、能源、用量、單位，及選填的密度、電網、排放因子、備註——欄位名稱可用英文或中文（site、month、source、quantity、unit）。把檔案拖放到這裡或選擇檔案。", "列：地点、月份或期间、能源、用量、单位，及选填的密度、电网、排放因子、备注——列名称可用英文或中文（site、month、source、quantity、unit）。把文件拖放到这里或选择文件。"),
    ("First value: {0}", "首個數值：{0}", "首个数值：{0}"),
    ("Row {0}", "第 {0} 行", "第 {0} 行"),
    ("Sheet of {0}", "{0} 的工作表", "{0} 的工作表"),
    ("CSV file or Excel workbook", "CSV 檔案或 Excel 活頁簿", "CSV 文件或 Excel 工作簿"),
    ("Encoding", "編碼", "编码"),
    ("Detect (UTF-8, GB18030 or Big5)", "自動偵測（UTF-8、GB18030 或 Big5）", "自动检测（UTF-8、GB18030 或 Big5）"),
    ("Or paste cells from a spreadsheet (with the header row)", "或從試算表貼上儲存格（包括標題行）", "或从电子表格粘贴单元格（包括标题行）"),
    ("Read the pasted cells", "讀取貼上的儲存格", "读取粘贴的单元格"),
    ("Export the energy lines as CSV", "把能源項目匯出為 CSV", "把能源项目导出为 CSV"),
    ("Working… (large files take a few seconds)", "處理中……（大型檔案需時數秒）", "处理中……（大型文件需时数秒）"),
    ("{0} cannot be imported: {1}.", "{0} 無法匯入：{1}。", "{0} 无法导入：{1}。"),
    ("{0}: {1} rows read, {2} ready to import, {3} with problems (not imported).", "{0}：已讀取 {1} 行，{2} 行可匯入，{3} 行有問題（不會匯入）。", "{0}：已读取 {1} 行，{2} 行可导入，{3} 行有问题（不会导入）。"),
    ("Read as {0}.", "以 {0} 讀取。", "以 {0} 读取。"),
    ("Columns not used: {0}.", "未使用的欄位：{0}。", "未使用的列：{0}。"),
    ("and {0} more lines with problems", "另有 {0} 行有問題", "另有 {0} 行有问题"),
    ("Sum rows of the same site, month, source, unit and factor into one line", "把同一地點、月份、能源、單位及排放因子的各行加總為一項", "把同一地点、月份、能源、单位及排放因子的各行加总为一项"),
    ("{0} rows summed into {1} lines, one per site, month, source, unit and factor; each line's note says what it sums.", "{0} 行已加總為 {1} 項，每個地點、月份、能源、單位及排放因子一項；各項的備註註明其加總內容。", "{0} 行已加总为 {1} 项，每个地点、月份、能源、单位及排放因子一项；各项的备注注明其加总内容。"),
    ("Add {0} rows to the energy lines", "把 {0} 行加入能源項目", "把 {0} 行加入能源项目"),
    ("The first {0} of {1} lines; the calculation lines CSV has them all.", "顯示 {1} 項中的首 {0} 項；計算明細 CSV 載有全部項目。", "显示 {1} 项中的前 {0} 项；计算明细 CSV 载有全部项目。"),
    ("« First", "« 第一頁", "« 第一页"),
    ("Another tab has just saved different inputs for this calculator. Autosave is paused here, so that neither tab overwrites the other: load theirs, or keep yours and save them.", "另一個分頁剛儲存了此計算器的不同輸入。此處已暫停自動儲存，以免兩個分頁互相覆寫：可載入對方的輸入，或保留你的輸入並儲存。", "另一个标签页刚保存了此计算器的不同输入。此处已暂停自动保存，以免两个标签页互相覆盖：可加载对方的输入，或保留你的输入并保存。"),
    ("Load the other tab's inputs", "載入另一分頁的輸入", "加载另一标签页的输入"),
    ("Keep mine and save them", "保留我的輸入並儲存", "保留我的输入并保存"),
    ("Last »", "最後一頁 »", "最后一页 »"),
    ("Go to line", "跳至項目編號", "跳至项目编号"),
    ("The first {0} lines are listed; the calculation lines CSV has all {1}.", "此處列出首 {0} 項；計算明細 CSV 載有全部 {1} 項。", "此处列出前 {0} 项；计算明细 CSV 载有全部 {1} 项。"),
    // Long lists, breakdowns, data quality
    ("Recalculating when you pause typing…", "停止輸入後重新計算……", "停止输入后重新计算……"),
    ("← Previous", "← 上一頁", "← 上一页"),
    ("Next →", "下一頁 →", "下一页 →"),
    ("Lines {0}–{1} of {2}", "第 {0}–{1} 項，共 {2} 項", "第 {0}–{1} 项，共 {2} 项"),
    ("and {0} more", "另有 {0} 項", "另有 {0} 项"),
    ("(none)", "（未註明）", "（未注明）"),
    ("By site, month and source · data quality ({0})", "按地點、月份及能源劃分 · 數據質量（{0}）", "按地点、月份及能源划分 · 数据质量（{0}）"),
    ("No missing months, outliers, duplicate rows or mixed units found.", "未發現缺漏月份、異常值、重複行或混用單位。", "未发现缺漏月份、异常值、重复行或混用单位。"),
    ("Lines", "項目數", "项目数"),
    ("By site", "按地點", "按地点"),
    ("By month", "按月份", "按月份"),
    ("By source", "按能源", "按能源"),
    (", ", "、", "、"),
    ("1,234.5 (decimal point)", "1,234.5（小數點）", "1,234.5（小数点）"),
    ("1.234,5 (decimal comma)", "1.234,5（小數逗號）", "1.234,5（小数逗号）"),
    ("Clear and start", "清除並開始", "清除并开始"),
    ("Dates in this file", "此檔案的日期", "此文件的日期"),
    ("Grid for electricity rows that name none", "未註明電網的電力行所用電網", "未注明电网的电力行所用电网"),
    ("Imported {0} rows from {1}, replacing {2} energy lines.", "已從 {1} 匯入 {0} 行，取代 {2} 個能源項目。", "已从 {1} 导入 {0} 行，取代 {2} 个能源项目。"),
    ("Imported {0} rows from {1}.", "已從 {1} 匯入 {0} 行。", "已从 {1} 导入 {0} 行。"),
    ("New report", "新報告", "新报告"),
    ("Numbers in this file", "此檔案的數字", "此文件的数字"),
    ("Replace the {0} energy lines with {1} rows", "以 {1} 行取代 {0} 個能源項目", "以 {1} 行取代 {0} 个能源项目"),
    ("Source of rows that name none", "未註明能源的行所用能源", "未注明能源的行所用能源"),
    ("Start a new, empty report? Every input, note and published figure is cleared (undo brings them back). ", "開始一份新的空白報告？所有輸入、備註及已披露數字都會清除（可撤銷還原）。", "开始一份新的空白报告？所有输入、备注及已披露数字都会清除（可撤销还原）。"),
    ("Start a new, empty report?", "開始一份新的空白報告？", "开始一份新的空白报告？"),
    ("The first {0} rows as they will be imported", "將匯入的首 {0} 行", "将导入的前 {0} 行"),
    ("The mapping you confirmed for files with these headers is used.", "已採用你曾為相同欄名的檔案確認的欄位對應。", "已采用你曾为相同栏名的文件确认的栏位对应。"),
    ("What each column means", "各欄的含義", "各栏的含义"),
    ("No date decides it: day/month/year assumed, as Hong Kong writes dates.", "沒有日期能確定次序：按香港寫法假定為日/月/年。", "没有日期能确定次序：按香港写法假定为日/月/年。"),
    ("day/month/year", "日/月/年", "日/月/年"),
    ("month/day/year", "月/日/年", "月/日/年"),
    ("A new, empty report for {0}: enter its figures or import its activity rows. “Undo the last load” brings back the inputs from before.", "{0} 年的新空白報告：請輸入數字或匯入活動數據。「撤銷上次載入」可還原之前的輸入。", "{0} 年的新空白报告：请输入数字或导入活动数据。“撤销上次载入”可还原之前的输入。"),
    ("Kept as they were: {0} (“New report” starts from nothing).", "保持不變：{0}（「新報告」從空白開始）。", "保持不变：{0}（“新报告”从空白开始）。"),
    ("{0} notes about the replaced lines were removed with them.", "關於被取代項目的 {0} 條備註已一併移除。", "关于被取代项目的 {0} 条备注已一并移除。"),
    ("{0} total rows left out.", "已略去 {0} 個合計行。", "已略去 {0} 个合计行。"),
    ("Choose the column for: {0}. Nothing is imported until then.", "請選擇對應以下內容的欄：{0}。選定前不會匯入任何數據。", "请选择对应以下内容的栏：{0}。选定前不会导入任何数据。"),
    ("As found: {0}", "按檔案：{0}", "按文件：{0}"),
    ("Numeric columns not used: {0}.", "未使用的數字欄：{0}。", "未使用的数字栏：{0}。"),
    ("Header on line {0}; the lines above it were skipped: {1}", "欄名在第 {0} 行；其上各行已略過：{1}", "栏名在第 {0} 行；其上各行已略过：{1}"),
    ("Line {0}: {1}", "第 {0} 行：{1}", "第 {0} 行：{1}"),
    ("— from the file —", "— 按檔案 —", "— 按文件 —"),
    ("— not used —", "— 不使用 —", "— 不使用 —"),
    ("“Undo the last load” brings back the inputs from before.", "「撤銷上次載入」可還原之前的輸入。", "“撤销上次载入”可还原之前的输入。"),

];

/// The string `en` in `lang`; `en` itself if the table lacks it (a test forbids that).
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        _ => TABLE
            .iter()
            .find(|(e, ..)| *e == en)
            .map(|(_, hant, hans)| if lang == Lang::ZhHant { *hant } else { *hans })
            .unwrap_or(en),
    }
}

/// [`tr`] with `{0}`, `{1}` … replaced by `args`.
pub fn trf(lang: Lang, en: &'static str, args: &[&str]) -> String {
    crate::engine::text::fill(tr(lang, en), |i, out| {
        out.push_str(args.get(i).copied().unwrap_or_default())
    })
}

/// The built-in example's notes (`notes` in `crates/engine/src/example_2018.json`, where each input of
/// the 2018 report comes from) in the two Chinese scripts, by their English text. The scenario
/// keeps its notes as written; the page shows these in the page's language.
const EXAMPLE_NOTES: &[(&str, &str, &str)] = &[
    // organisation.floor_area_m2
    (
        "Not published. Implied by the report's 0.09 t CO2e/m²: 13,093.57 ÷ 0.09 ≈ 145,484 m². Any area from 137,827 to 154,042 m² prints as 0.09.",
        "報告未披露。由報告的每平方米 0.09 噸二氧化碳當量推算：13,093.57 ÷ 0.09 ≈ 145,484 平方米。137,827 至 154,042 平方米之間的任何面積，四捨五入後均為 0.09。",
        "报告未披露。由报告的每平方米 0.09 吨二氧化碳当量推算：13,093.57 ÷ 0.09 ≈ 145,484 平方米。137,827 至 154,042 平方米之间的任何面积，四舍五入后均为 0.09。",
    ),
    // organisation.employees
    (
        "Not published for this scope (the report says “over 16,000” group-wide). Implied by water, 6.77 m³/person: 81,345.33 ÷ 6.77 ≈ 12,016 (12,007–12,024); hazardous and non-hazardous waste per person agree. The published energy per person, 1.32 MWh, implies ≈ 14,286 instead, so energy per employee is computed as 1.57 and shown beside the published 1.32.",
        "報告未披露此統計範圍的僱員人數（報告稱全集團有「16,000餘名員工」）。由人均用水量 6.77 立方米推算：81,345.33 ÷ 6.77 ≈ 12,016（12,007–12,024）；人均有害及無害廢棄物與此相符。報告的人均能源消耗 1.32 兆瓦時則意味約 14,286 人，因此人均能源消耗按計算得 1.57，與報告的 1.32 並列顯示。",
        "报告未披露此统计范围的雇员人数（报告称全集团有“16,000余名员工”）。由人均用水量 6.77 立方米推算：81,345.33 ÷ 6.77 ≈ 12,016（12,007–12,024）；人均有害及无害废弃物与此相符。报告的人均能源消耗 1.32 兆瓦时则意味约 14,286 人，因此人均能源消耗按计算得 1.57，与报告的 1.32 并列显示。",
    ),
    // organisation.revenue_rmb_million
    (
        "Not published in the report. Implied by 0.37 t of packaging per RMB million: 65,281.37 ÷ 0.37 ≈ 176,436 (174,084–178,853).",
        "報告未披露。由每人民幣百萬元收入 0.37 噸包裝材料推算：65,281.37 ÷ 0.37 ≈ 176,436（174,084–178,853）。",
        "报告未披露。由每人民币百万元收入 0.37 吨包装材料推算：65,281.37 ÷ 0.37 ≈ 176,436（174,084–178,853）。",
    ),
    // energy[0].quantity
    (
        "The report's direct energy (natural gas), converted under GB/T 2589-2008.",
        "報告的直接能源消耗（天然氣），按 GB/T 2589-2008 換算。",
        "报告的直接能源消耗（天然气），按 GB/T 2589-2008 换算。",
    ),
    // energy[1].quantity
    (
        "The report's indirect energy (purchased electricity).",
        "報告的間接能源消耗（外購電力）。",
        "报告的间接能源消耗（外购电力）。",
    ),
    // water_m3
    (
        "As published (municipal tap water, 1 m³ = 1 t).",
        "按報告數據（市政自來水，1 立方米 = 1 噸）。",
        "按报告数据（市政自来水，1 立方米 = 1 吨）。",
    ),
    // waste.hazardous_t
    (
        "As published: toner cartridges, fluorescent tubes, lead-acid batteries.",
        "按報告數據：廢硒鼓和廢墨盒、廢棄熒光燈管及廢鉛酸蓄電池。",
        "按报告数据：废硒鼓和废墨盒、废弃荧光灯管及废铅酸蓄电池。",
    ),
    // waste.non_hazardous_t
    (
        "As published: office and domestic waste.",
        "按報告數據：辦公及生活垃圾。",
        "按报告数据：办公及生活垃圾。",
    ),
    // packaging_t
    (
        "As published: packaging of phones, TVs and main ecosystem products.",
        "按報告數據：小米手機、電視及生態鏈主要產品所使用的包裝材料。",
        "按报告数据：小米手机、电视及生态链主要产品所使用的包装材料。",
    ),
];

/// A scenario's note as the page shows it: the built-in example's notes in the page's language,
/// any other note as written.
pub fn note_text(lang: Lang, note: &str) -> &str {
    match EXAMPLE_NOTES.iter().find(|(en, ..)| *en == note) {
        Some((_, hant, _)) if lang == Lang::ZhHant => hant,
        Some((_, _, hans)) if lang == Lang::ZhHans => hans,
        _ => note,
    }
}

/// Each input's label, by its path within its period or within its line (`quantity` of
/// `energy[2]`): the names the page shows beside the fields. A period's figures
/// (`organisation.employees`) are labelled in the engine's table ([`Figure`]).
const FIELD_LABELS: &[(&str, &str)] = &[
    ("gwp", "GWP set (100-year)"),
    ("grid_edition", "Mainland grid-factor edition"),
    (
        "grid_om_weight",
        "Combined margin: operating-margin weight w",
    ),
    ("site", "Site"),
    ("source", "Source"),
    ("quantity", "Quantity"),
    ("unit", "Unit"),
    ("density_kg_per_l", "Density"),
    ("factor", "Emission factor"),
    ("grid", "Grid"),
    ("factor.value", "Factor value"),
    ("factor.unit", "Factor unit"),
    ("factor.source", "Source of this factor"),
    ("kind", "Kind of waste"),
    ("hazardous", "Counts as"),
];

/// The English name of a period by its key (`""` the current one, `prior`, `base_year`), for
/// [`tr`].
pub fn period_name(key: &str) -> &'static str {
    match key {
        "" => "Current period",
        "prior" => "Prior year",
        _ => "Base year",
    }
}

/// What the page calls the input at a scenario path, for the list of input errors:
/// `prior.energy[2].quantity` is "Prior year · Energy line 3 · Quantity". `None` for a path the
/// page shows no field for (the list then shows the path itself).
pub fn field_name(lang: Lang, path: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut rest = path;
    for (key, _) in crate::engine::scenario::OTHER_PERIODS {
        if let Some(r) = rest.strip_prefix(key).and_then(|r| r.strip_prefix('.')) {
            parts.push(tr(lang, period_name(key)).to_string());
            rest = r;
        }
    }
    for (list, name) in [
        ("energy[", "Energy line {0}"),
        ("waste.items[", "Waste item {0}"),
    ] {
        if let Some(r) = rest.strip_prefix(list) {
            let (index, r) = r.split_once(']')?;
            let line = index.parse::<usize>().ok()?.checked_add(1)?;
            parts.push(trf(lang, name, &[&line.to_string()]));
            rest = r.strip_prefix('.').unwrap_or(r);
        }
    }
    if let Some(figure) = Figure::from_path(rest) {
        parts.push(figure.label().render(lang));
    } else if !rest.is_empty() {
        let (_, label) = FIELD_LABELS.iter().find(|(p, _)| *p == rest)?;
        parts.push(tr(lang, label).to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_entry_has_three_languages_and_the_same_placeholders() {
        let problems = crate::engine::text::table_problems(TABLE);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Reads the page's source: every literal given to `tr(…, "…")` or `trf(…, "…", …)` must
    /// be in the table, so no string is missing in any language.
    #[test]
    fn every_string_the_page_translates_is_in_the_table() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
        let known: HashSet<&str> = TABLE.iter().map(|(en, ..)| *en).collect();
        let mut missing = Vec::new();
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            for marker in ["tr(", "trf("] {
                for (at, _) in source.match_indices(marker) {
                    // `tr(lang, "…"` and `trf(lang, "…"`, on one line or broken over several.
                    let before = source[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = source[at + marker.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix("lang") else {
                        continue;
                    };
                    let Some(rest) = rest.trim_start().strip_prefix(',') else {
                        continue;
                    };
                    let Some(rest) = rest.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let end = rest.find("\"").unwrap();
                    let literal = rest[..end].replace("\\\"", "\"");
                    count += 1;
                    if !known.contains(literal.as_str()) {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        // Notices: `Says::new("…")`, a page sentence rendered when shown.
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            for (at, _) in source.match_indices("Says::new(") {
                let rest = source[at + "Says::new(".len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let end = rest.find('"').unwrap();
                count += 1;
                if !known.contains(&rest[..end]) {
                    missing.push(format!("{}: {}", path.display(), &rest[..end]));
                }
            }
        }
        assert!(
            count > 100,
            "only {count} translated strings found in the page"
        );
        assert!(missing.is_empty(), "not in the table: {missing:#?}");
    }

    #[test]
    fn browser_languages_map_to_the_nearest() {
        assert_eq!(Lang::from_browser("zh-HK"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-Hant-HK"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-CN"), Lang::ZhHans);
        assert_eq!(Lang::from_browser("zh"), Lang::ZhHans);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
        assert_eq!(trf(Lang::ZhHant, "Line {0}", &["3"]), "項目 3");
        assert_eq!(tr(Lang::ZhHans, "Natural gas"), "天然气");
    }

    #[test]
    fn field_names_are_the_labels_beside_the_fields() {
        for (lang, path, name) in [
            (Lang::ZhHant, "organisation.floor_area_m2", "樓面面積"),
            (Lang::En, "organisation.floor_area_m2", "Floor area"),
            (
                Lang::En,
                "prior.energy[2].quantity",
                "Prior year · Energy line 3 · Quantity",
            ),
            (
                Lang::ZhHans,
                "energy[0].factor.source",
                "能源项目 1 · 因子来源",
            ),
            (
                Lang::En,
                "base_year.waste.items[9]",
                "Base year · Waste item 10",
            ),
            (
                Lang::En,
                "energy[0].factor.unit",
                "Energy line 1 · Factor unit",
            ),
        ] {
            assert_eq!(field_name(lang, path).as_deref(), Some(name), "{path}");
        }
        // No field of the page's: the caller shows the path.
        for path in [
            "",
            "energy",
            "energy[x].unit",
            "energy[3",
            "published.ghg_total_t",
            "prior.nothing",
            "energy[18446744073709551615]",
        ] {
            assert_eq!(field_name(Lang::En, path), None, "{path}");
        }
        // Every label is translated, and every one is a label the page shows (in its source).
        let page: String = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        for (path, label) in FIELD_LABELS {
            assert!(
                TABLE.iter().any(|(en, ..)| en == label),
                "{label} is not translated"
            );
            assert!(
                page.contains(&format!("\"{label}\"")),
                "the page has no label {label} ({path})"
            );
            let leaf = path.rsplit('.').next().unwrap();
            assert!(
                page.contains(&format!("{path}\"")) || page.contains(&format!("(\"{leaf}\")")),
                "the page has no field {path}"
            );
        }
    }

    #[test]
    fn the_examples_notes_are_in_every_language() {
        let example: serde_json::Value =
            serde_json::from_str(crate::engine::example::EXAMPLE_2018_JSON).unwrap();
        let notes = example["notes"].as_object().unwrap();
        assert_eq!(
            notes.len(),
            EXAMPLE_NOTES.len(),
            "one translation per note of the example"
        );
        for (path, note) in notes {
            let note = note.as_str().unwrap();
            assert_eq!(note_text(Lang::En, note), note);
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                let shown = note_text(lang, note);
                assert_ne!(shown, note, "{path} is not translated");
                // The figures of the note are all in its translation.
                let figures = |s: &str| -> Vec<String> {
                    let mut f: Vec<String> = s
                        .replace("CO2", "")
                        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                        .map(|f| f.trim_matches(|c| c == ',' || c == '.').to_string())
                        .filter(|f| f.chars().any(|c| c.is_ascii_digit()))
                        .collect();
                    f.sort();
                    f
                };
                assert_eq!(figures(shown), figures(note), "{path}, {lang:?}");
            }
        }
        assert_eq!(note_text(Lang::ZhHant, "my own note"), "my own note");
    }
}
