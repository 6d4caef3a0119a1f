package org.leaktrace.udf.taxonomy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The YAML shape of a taxonomy file, as read; {@link Taxonomy} validates it. Keys are snake_case. */
record TaxonomyFile(
    String name,
    String title,
    String source,
    Integer minorsAge,
    SeverityParams severity,
    List<ClassDef> classes,
    Map<String, FieldDef> fields,
    List<RuleDef> rules) {

  /** {@code severity:} block; required exactly when classes have tiers. */
  record SeverityParams(
      Long seriousMultiplier,
      Long particularlySeriousMultiplier,
      BigDecimal insiderFactor,
      Boolean ratioRule) {}

  /** One entry of {@code classes:}, most sensitive first. */
  record ClassDef(String key, String label, Long tier, String basis) {}

  /** One entry of {@code fields:}: the field type's class (nullable) and sensitive category (nullable). */
  record FieldDef(@JsonProperty("class") String cls, String sensitive, String note) {}

  /** One entry of {@code rules:}: when a row (and its dataset) carries these types, the row gets {@code class}. */
  record RuleDef(
      String key,
      List<String> rowAll,
      List<String> rowAny,
      List<String> datasetAny,
      @JsonProperty("class") String cls,
      Boolean enabled,
      String note) {}
}
