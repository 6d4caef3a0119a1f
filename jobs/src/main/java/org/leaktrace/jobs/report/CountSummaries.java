package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.rules.DatasetIds;
import org.leaktrace.udf.taxonomy.Taxonomy;

/** The count figures in summary.json's shape (DESIGN.md, schema {@code leaktrace.summary/1}). */
public final class CountSummaries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CountSummaries() {}

  /**
   * The JSON fragments of the count stage.
   *
   * @param dumps per dump dataset name ({@code dump:<id>}): the fields to merge into that dump's
   *     object of summary.json: {@code rows_duplicate}, {@code rows_unverifiable}, {@code
   *     rows_not_personal} and {@code impact}
   * @param caseImpact the {@code case_impact} object
   */
  public record Json(Map<String, ObjectNode> dumps, ObjectNode caseImpact) {}

  /** Reads the impact tables the count stage wrote. */
  public static Json read(SparkSession spark, Workspace ws, Taxonomy taxonomy) {
    return of(Delta.read(spark, ws.table(Tables.IMPACT), "report"),
        Delta.read(spark, ws.table(Tables.IMPACT_BY_SELLER), "report"), taxonomy);
  }

  /**
   * Builds the fragments from the impact tables (one row per dump plus one case row; one row per
   * seller); class maps list the taxonomy's classes in its order, then any other key (unclassified).
   */
  public static Json of(Dataset<Row> impactDF, Dataset<Row> bySellerDF, Taxonomy taxonomy) {
    Map<String, ObjectNode> dumps = new LinkedHashMap<>();
    ObjectNode caseImpact = JSON.createObjectNode();
    for (Row r : impactDF.orderBy(Cols.DATASET).collectAsList()) {
      String dataset = r.getAs(Cols.DATASET);
      if (DatasetIds.CASE_ROW.equals(dataset)) {
        caseImpact.put("individuals", (Long) r.getAs(Cols.INDIVIDUALS));
        caseImpact.put("minors_under_14", (Long) r.getAs(Cols.MINORS_UNDER_14));
        caseImpact.put("pieces", (Long) r.getAs(Cols.PIECES));
        caseImpact.set("pieces_by_class", classMap(r, Cols.PIECES_BY_CLASS, taxonomy));
        caseImpact.set("individuals_by_class", classMap(r, Cols.INDIVIDUALS_BY_CLASS, taxonomy));
        continue;
      }
      ObjectNode d = JSON.createObjectNode();
      d.put("rows_duplicate", (Long) r.getAs(Cols.ROWS_DUPLICATE));
      d.put("rows_unverifiable", (Long) r.getAs(Cols.ROWS_UNVERIFIABLE));
      d.put("rows_not_personal", (Long) r.getAs(Cols.ROWS_NOT_PERSONAL));
      ObjectNode impact = d.putObject("impact");
      impact.put("individuals", (Long) r.getAs(Cols.INDIVIDUALS));
      impact.put("minors_under_14", (Long) r.getAs(Cols.MINORS_UNDER_14));
      impact.put("pieces", (Long) r.getAs(Cols.PIECES));
      impact.set("pieces_by_class", classMap(r, Cols.PIECES_BY_CLASS, taxonomy));
      impact.set("individuals_by_class", classMap(r, Cols.INDIVIDUALS_BY_CLASS, taxonomy));
      impact.set("severity", severity(r));
      dumps.put(dataset, d);
    }
    ArrayNode sellers = caseImpact.putArray("by_seller");
    for (Row r : bySellerDF.orderBy(Cols.SELLER).collectAsList()) {
      ObjectNode s = sellers.addObject();
      s.put("seller", (String) r.getAs(Cols.SELLER));
      ArrayNode buyers = s.putArray("buyers");
      r.<String>getList(r.fieldIndex(Cols.BUYERS)).forEach(buyers::add);
      ArrayNode ds = s.putArray("dumps");
      r.<String>getList(r.fieldIndex(Cols.DUMPS)).forEach(ds::add);
      s.put("pieces", (Long) r.getAs(Cols.PIECES));
      s.set("pieces_by_class", classMap(r, Cols.PIECES_BY_CLASS, taxonomy));
      s.set("severity", severity(r));
    }
    return new Json(dumps, caseImpact);
  }

  private static ObjectNode severity(Row r) {
    ObjectNode s = JSON.createObjectNode();
    s.put("level", (String) r.getAs(Cols.SEVERITY_LEVEL));
    s.put("ratio_sum", (Double) r.getAs(Cols.RATIO_SUM));
    s.put("thresholds_halved", (Boolean) r.getAs(Cols.THRESHOLDS_HALVED));
    return s;
  }

  private static ObjectNode classMap(Row r, String column, Taxonomy taxonomy) {
    Map<String, Long> m = new TreeMap<>(r.<String, Long>getJavaMap(r.fieldIndex(column)));
    ObjectNode o = JSON.createObjectNode();
    List<String> classes = taxonomy.classes();
    for (String c : classes) {
      o.put(c, m.getOrDefault(c, 0L));
    }
    m.forEach((k, v) -> {
      if (!classes.contains(k)) {
        o.put(k, v);
      }
    });
    return o;
  }
}
