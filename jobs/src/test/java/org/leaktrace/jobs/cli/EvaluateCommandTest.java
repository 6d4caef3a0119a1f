package org.leaktrace.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.common.LeaktraceException;

class EvaluateCommandTest {

  @Test
  void seedsAreRangesAndLists() {
    assertEquals(List.of(1L, 2L, 3L, 7L), EvaluateCommand.parseSeeds("1-3,7"));
    assertEquals(List.of(4L, 2L), EvaluateCommand.parseSeeds(" 4, 2,4 "));
    for (String bad : List.of("x", "5-3", "1-", "")) {
      LeaktraceException e = assertThrows(LeaktraceException.class, () -> EvaluateCommand.parseSeeds(bad));
      assertTrue(e.getMessage().contains("--seeds") && e.getMessage().contains("1-20"), e.getMessage());
    }
  }
}
