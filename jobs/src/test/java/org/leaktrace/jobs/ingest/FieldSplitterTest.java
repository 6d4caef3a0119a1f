package org.leaktrace.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.config.Format;

class FieldSplitterTest {

  @Test
  void csvQuotingWithEscapedQuotesAndSeparators() {
    assertEquals(List.of("a", "b,c", "say \"hi\"", ""),
        FieldSplitter.split("a,\"b,c\",\"say \"\"hi\"\"\",", Format.CSV));
  }

  @Test
  void unclosedQuoteIsReported() {
    assertSame(FieldSplitter.UNBALANCED, FieldSplitter.split("a,\"b,c", Format.CSV));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsLiteral() {
    assertEquals(List.of("ab\"c", "d"), FieldSplitter.split("ab\"c,d", Format.CSV));
  }

  @Test
  void multiCharacterSeparatorsAreLiteral() {
    Format dashes = Format.delimited("----");
    assertEquals(List.of("13800138000", "\"pass", "x"), FieldSplitter.split("13800138000----\"pass----x", dashes));
    assertEquals(List.of("a", "", "b"), FieldSplitter.split("a--------b", dashes));
  }

  @Test
  void tabsAndPipes() {
    assertEquals(List.of("a", "b c", ""), FieldSplitter.split("a\tb c\t", Format.TSV));
    assertEquals(List.of("a", "b|c"), FieldSplitter.split("a|\"b|c\"", Format.delimited("|")));
  }
}
