package org.leaktrace.jobs.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chinese and English names of the codes that summary.json carries (classes, reasons, verdicts, levels).
 *
 * <p>Every map here iterates in a declared order (codes as listed, then {@code zh} before {@code en}):
 * the page embeds them as JSON, and {@code Map.of}'s order changes from one JVM to the next, which would
 * make two runs of one case write different index.html bytes.
 */
final class Labels {

  static final Map<String, Map<String, String>> ALL = build();

  private Labels() {}

  private static Map<String, Map<String, String>> build() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    // Art. 5(1) information classes
    put(m, "class.whereabouts", "行踪轨迹", "whereabouts");
    put(m, "class.communication_content", "通信内容", "communication content");
    put(m, "class.credit", "征信信息", "credit");
    put(m, "class.property", "财产信息", "property");
    put(m, "class.accommodation", "住宿信息", "accommodation");
    put(m, "class.communication_records", "通信记录", "communication records");
    put(m, "class.health", "健康生理信息", "health / physiological");
    put(m, "class.transaction", "交易信息", "transaction");
    put(m, "class.other", "其他个人信息", "other personal information");
    put(m, "class.none", "未分类", "unclassified");
    // ingest quarantine reasons (INGEST.md)
    put(m, "reason.line_too_long", "行过长", "line too long");
    put(m, "reason.binary_content", "二进制内容", "binary content");
    put(m, "reason.invalid_encoding", "编码无效", "invalid encoding");
    put(m, "reason.empty_line", "空行", "empty line");
    put(m, "reason.invalid_json", "JSON 无效", "invalid JSON");
    put(m, "reason.unbalanced_quote", "引号不配对", "unbalanced quote");
    put(m, "reason.wrong_field_count", "字段数不符", "wrong field count");
    put(m, "reason.header", "表头行", "header line");
    // attribution verdicts
    put(m, "verdict.attributed", "已确定来源", "attributed");
    put(m, "verdict.mixture", "多个来源混合", "mixture of sources");
    put(m, "verdict.unknown", "来源不明", "unknown source");
    // Art. 5 severity
    put(m, "level.none", "未达“情节严重”", "below \"serious\"");
    put(m, "level.serious", "情节严重", "serious circumstances");
    put(m, "level.particularly_serious", "情节特别严重", "particularly serious");
    // resale relations
    put(m, "relation.same", "相同副本", "same copy");
    put(m, "relation.subset", "子集", "subset");
    put(m, "relation.superset", "超集", "superset");
    put(m, "relation.overlap", "部分重叠", "overlap");
    // chart words
    put(m, "chart.pieces", "信息条数", "pieces");
    put(m, "chart.individuals", "涉及人数", "individuals");
    put(m, "chart.parsed", "已解析", "parsed");
    put(m, "chart.ratio", "门槛比例之和", "sum of ratios to thresholds");
    put(m, "chart.serious", "情节严重 (1)", "serious (1)");
    put(m, "chart.particularly", "情节特别严重 (10)", "particularly serious (10)");
    put(m, "chart.tier50", "50 条档", "tier 50");
    put(m, "chart.tier500", "500 条档", "tier 500");
    put(m, "chart.tier5000", "5000 条档", "tier 5000");
    put(m, "chart.window", "提取时间窗口", "extraction window");
    put(m, "chart.obtained", "获取日期", "obtained");
    put(m, "chart.unknown_source", "未知来源", "unknown source");
    return Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, Map<String, String>> m, String key, String zh, String en) {
    m.put(key, pair(zh, en));
  }

  /** {@code zh} then {@code en}, in that order. */
  private static Map<String, String> pair(String zh, String en) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("zh", zh);
    l.put("en", en);
    return Collections.unmodifiableMap(l);
  }

  /** The label of a code, the code itself in both languages when it is not known. */
  static Map<String, String> of(String prefix, String code) {
    Map<String, String> l = ALL.get(prefix + "." + code);
    return l != null ? l : pair(String.valueOf(code), String.valueOf(code));
  }
}
