package org.leaktrace.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebooks in {@code notebooks/} are committed as valid nbformat 4 with every output cleared. */
class NotebooksCommittedTest {

  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

  @Test
  void everyNotebookIsNbformat4WithOutputsCleared() throws IOException {
    List<Path> notebooks = notebooks();
    assertTrue(notebooks.size() >= 2, "expected at least two notebooks in " + folder() + ", found " + notebooks);
    List<String> problems = new ArrayList<>();
    for (Path nb : notebooks) {
      problems.addAll(problems(nb));
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems)
          + "\nfix: clear the outputs before committing (Jupyter: Edit > Clear All Outputs, then save; or "
          + "jupyter nbconvert --clear-output --inplace notebooks/*.ipynb)");
    }
  }

  @Test
  void findsOutputsExecutionCountsAndBadFormat(@TempDir Path dir) {
    String cleared = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
        + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# x\"]},"
        + "{\"cell_type\": \"code\", \"metadata\": {}, \"source\": [], \"outputs\": [], \"execution_count\": null}]}";
    assertEquals(List.of(), problems(write(dir, "clean.ipynb", cleared)));

    String run = cleared.replace("\"outputs\": [], \"execution_count\": null",
        "\"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"1\"]}], \"execution_count\": 3");
    assertEquals(List.of("run.ipynb cell 1 (code): 1 output(s)", "run.ipynb cell 1 (code): execution_count 3, not null"),
        problems(write(dir, "run.ipynb", run)));

    List<String> v3 = problems(write(dir, "v3.ipynb", cleared.replace("\"nbformat\": 4", "\"nbformat\": 3")));
    assertEquals(List.of("v3.ipynb: nbformat 3, not 4"), v3);

    List<String> broken = problems(write(dir, "broken.ipynb", "{\"cells\": ["));
    assertEquals(1, broken.size());
    assertTrue(broken.get(0).startsWith("broken.ipynb: not valid JSON"), broken.get(0));
    assertFalse(broken.get(0).contains("\n"), broken.get(0));
  }

  /** What is wrong with one notebook, one line per problem naming the notebook and the cell. */
  static List<String> problems(Path nb) {
    String name = nb.getFileName().toString();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(nb.toFile());
    } catch (JsonProcessingException e) {
      return List.of(name + ": not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (IOException e) {
      return List.of(name + ": cannot be read (" + e + ")");
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return List.of(name + ": not a notebook (the top level is not a JSON object)");
    }
    if (root.path("nbformat").asInt(-1) != 4) {
      problems.add(name + ": nbformat " + root.path("nbformat") + ", not 4");
    }
    if (!root.path("nbformat_minor").isInt()) {
      problems.add(name + ": nbformat_minor missing");
    }
    if (!root.path("metadata").isObject()) {
      problems.add(name + ": metadata missing");
    }
    JsonNode cells = root.path("cells");
    if (!cells.isArray()) {
      problems.add(name + ": cells missing");
      return problems;
    }
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      String type = cell.path("cell_type").asText("?");
      String where = name + " cell " + i + " (" + type + ")";
      if (!CELL_TYPES.contains(type)) {
        problems.add(where + ": unknown cell_type");
        continue;
      }
      if (!cell.has("source") || !cell.has("metadata")) {
        problems.add(where + ": source or metadata missing");
      }
      if (!type.equals("code")) {
        continue;
      }
      JsonNode outputs = cell.path("outputs");
      if (!outputs.isArray()) {
        problems.add(where + ": outputs missing (nbformat 4 code cells have \"outputs\": [])");
      } else if (outputs.size() > 0) {
        problems.add(where + ": " + outputs.size() + " output(s)");
      }
      if (!cell.has("execution_count")) {
        problems.add(where + ": execution_count missing");
      } else if (!cell.get("execution_count").isNull()) {
        problems.add(where + ": execution_count " + cell.get("execution_count") + ", not null");
      }
    }
    return problems;
  }

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /** {@code notebooks/} of the checkout: tests run in {@code jobs/}, so look upwards. */
  private static Path folder() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("notebooks")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p.resolve("notebooks");
      }
    }
    throw new IllegalStateException("no notebooks/ folder next to a pom.xml in " + Path.of("").toAbsolutePath()
        + " or its parents; run the tests from the checkout");
  }

  private static Path write(Path dir, String name, String json) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + dir.resolve(name), e);
    }
  }
}
