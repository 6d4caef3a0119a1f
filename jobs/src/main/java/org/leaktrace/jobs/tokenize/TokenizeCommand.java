package org.leaktrace.jobs.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Version;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.udf.classify.RowClassifier;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.types.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a cooperating platform runs on its own premises: its export goes through the very same ingest
 * and classify code as a case's data, in a private scratch warehouse that is deleted afterwards, and
 * only token files leave: per snapshot {@code YYYY-MM-DD.tokens.csv} (content key, present types, one
 * {@code status:token} cell per typed column) and {@code tokenize.json} (hashes and line accounting of
 * the export). No raw identifier is written to the output folder.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Turn a platform's export into token files with the case key, on the platform's premises; "
        + "a case file can name the output folder as the platform's path in place of the raw export.")
public final class TokenizeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizeCommand.class);

  @Option(names = "--key-file", required = true, paramLabel = "K", description = "The case's HMAC key file.")
  Path keyFile;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The export: a snapshot file named YYYY-MM-DD.<ext>, or a folder of them.")
  Path input;

  @Option(names = "--platform", required = true, paramLabel = "ID", description = "The platform's id in the case.")
  String platform;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the token files.")
  Path out;

  @Override
  public Integer call() throws IOException {
    CaseFile c = CaseFile.forTokenize(keyFile, platform, input);
    Path scratch = Files.createTempDirectory("leaktrace-tokenize-");
    SparkSession spark = Sessions.forJob("leaktrace tokenize " + platform);
    try {
      List<Path> written = tokenize(spark, c, new Workspace(scratch, scratch.resolve("warehouse").toString()), out);
      written.forEach(p -> System.out.println("wrote " + p));
    } finally {
      spark.stop();
      deleteTree(scratch);
    }
    return 0;
  }

  /** Ingests and classifies the export in {@code scratch}, then writes token files to {@code out}. */
  public static List<Path> tokenize(SparkSession spark, CaseFile c, Workspace scratch, Path out) throws IOException {
    // ingest and classify in one scan, as `run` does them
    Pipeline.withJobGroup(spark, Pipeline.Stage.INGEST.key(), Pipeline.Stage.INGEST.jobDescription(c.caseId()),
        () -> IngestStage.run(spark, c, scratch, List.of(), true));
    Files.createDirectories(out);
    Map<String, List<Row>> columnsByPosition = new HashMap<>();
    List<Row> columns = Delta.read(spark, scratch.table(Tables.COLUMNS), "tokenize")
        .filter(col(Cols.TYPE).notEqual("unknown")).orderBy(Cols.POSITION).collectAsList();
    columnsByPosition.put("all", columns);
    Dataset<Row> records = Delta.read(spark, scratch.table(Tables.RECORDS), "tokenize");
    Dataset<Row> tokens = Delta.read(spark, scratch.table(Tables.TOKENS), "tokenize")
        .groupBy(Cols.ROW_ID)
        .agg(collect_list(struct(col(Cols.COLUMN), col(Cols.STATUS), col(Cols.TOKEN))).as("t"));
    Iterator<Row> rows = records.join(tokens, new String[] {Cols.ROW_ID}, "left")
        .select(col(Cols.SNAPSHOT), col(Cols.ROW_ID), col(Cols.CONTENT_KEY), col(Cols.TYPES), col("t"), col(Cols.LEVELS))
        .orderBy(Cols.SNAPSHOT, Cols.ROW_ID)
        .toLocalIterator();
    List<String> header = new ArrayList<>(List.of(RowClassifier.TOKEN_FILE_MARK, RowClassifier.TOKEN_FILE_TYPES));
    for (Row col : columns) {
      header.add(col.getAs(Cols.TYPE) + ":" + col.getAs(Cols.COLUMN));
    }
    // comparison levels (written forms, granularities: keyed-hash tokens too), so a platform that tokenizes
    // on its premises is compared as finely as one that hands over its export
    header.add(RowClassifier.TOKEN_FILE_LEVELS);
    List<Path> written = new ArrayList<>();
    String current = null;
    CSVPrinter csv = null;
    try {
      while (rows.hasNext()) {
        Row r = rows.next();
        String snap = r.get(0).toString();
        if (!snap.equals(current)) {
          if (csv != null) {
            csv.close(true);
          }
          Path f = out.resolve(snap + ".tokens.csv");
          csv = new CSVPrinter(Files.newBufferedWriter(f), CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
          csv.printRecord(header);
          written.add(f);
          current = snap;
        }
        Map<String, String> cells = new HashMap<>();
        if (!r.isNullAt(4)) {
          for (Row t : r.<Row>getList(4)) {
            cells.put(t.getString(0), RowClassifier.tokenCell(Check.Status.valueOf(t.getString(1).toUpperCase()),
                t.getString(2)));
          }
        }
        List<String> line = new ArrayList<>();
        line.add(r.getString(2));
        line.add(String.join(";", r.<String>getList(3)));
        for (Row col : columns) {
          line.add(cells.getOrDefault(col.<String>getAs(Cols.COLUMN), ""));
        }
        line.add(RowClassifier.levelsCell(r.getJavaMap(5)));
        csv.printRecord(line);
      }
    } finally {
      if (csv != null) {
        csv.close(true);
      }
    }
    written.add(manifest(spark, c, scratch, out));
    LOG.info("tokenize: {} token files for platform {}", written.size() - 1, c.platforms().get(0).id());
    return written;
  }

  /** tokenize.json: the export's files with hashes and accounting, and a check value for the key. */
  private static Path manifest(SparkSession spark, CaseFile c, Workspace scratch, Path out) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("schema", "leaktrace.tokenize/1");
    root.put("platform", c.platforms().get(0).id());
    root.put("tool_version", Version.TOOL);
    // lets the case confirm the same key was used, without revealing it
    root.put("key_check", new KeyedHasher(c.readKey()).token("check", "leaktrace"));
    ArrayNode files = root.putArray("files");
    for (Row r : Delta.read(spark, scratch.table(Tables.CUSTODY), "tokenize")
        .orderBy(Cols.FILE_INDEX, Cols.ENTRY_INDEX).collectAsList()) {
      ObjectNode f = files.addObject();
      f.put("file", (String) r.getAs(Cols.FILE));
      f.put("bytes", (Long) r.getAs(Cols.BYTES));
      f.put("sha256", (String) r.getAs(Cols.SHA256));
      f.put("lines_read", (Long) r.getAs(Cols.LINES_READ));
      f.put("rows_parsed", (Long) r.getAs(Cols.ROWS_PARSED));
      f.put("rows_quarantined", (Long) r.getAs(Cols.ROWS_QUARANTINED));
    }
    Path p = out.resolve(IngestStage.TOKENIZE_MANIFEST);
    m.writeValue(p.toFile(), root);
    return p;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
