package org.leaktrace.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.leaktrace.jobs.generate.Csv;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Strength;

/**
 * The work floor: one plain-Java pass over every input file of a case that reads each row and computes
 * the keyed-hash tokens of its identifiers (normalize, then HMAC), with all cores, and nothing else — the
 * least work any correct job must do before it can join anything. Column types are given (no
 * detection); files are the parallel unit.
 */
public final class Floor {

  /** One input file and the type of each of its columns. */
  public record Input(Path file, FieldType[] types) {}

  /** What the pass saw: rows read, tokens computed, and a checksum of the tokens (so no work is skipped). */
  public record Result(long rows, long tokens, long checksum) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", rows);
      m.put("tokens", tokens);
      m.put("checksum", String.format(Locale.ROOT, "%016x", checksum));
      return m;
    }
  }

  private Floor() {}

  /** Every file of a folder (sorted) with the same column types. */
  public static List<Input> inputs(Path folder, String[] typeKeys) throws IOException {
    FieldType[] types = new FieldType[typeKeys.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = FieldType.valueOf(typeKeys[i].toUpperCase(Locale.ROOT));
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile).sorted().map(f -> new Input(f, types)).toList();
    }
  }

  public static Result run(List<Input> inputs, KeyedHasher hasher, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Input in : inputs) {
        futures.add(pool.submit(() -> pass(in, hasher)));
      }
      long rows = 0;
      long tokens = 0;
      long checksum = 0;
      for (Future<Result> f : futures) {
        Result r = f.get();
        rows += r.rows;
        tokens += r.tokens;
        checksum ^= r.checksum;
      }
      return new Result(rows, tokens, checksum);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads one file (header, then one row per line), tokenizing its identifier columns. */
  static Result pass(Input in, KeyedHasher hasher) {
    FieldHandler[] handlers = new FieldHandler[in.types().length];
    for (int i = 0; i < handlers.length; i++) {
      FieldType t = in.types()[i];
      handlers[i] = t.strength() == Strength.STRONG ? FieldHandlers.of(t) : null;
    }
    long rows = 0;
    long tokens = 0;
    long checksum = 0;
    try (BufferedReader r = Files.newBufferedReader(in.file(), StandardCharsets.UTF_8)) {
      String line = r.readLine(); // header
      while ((line = r.readLine()) != null) {
        rows++;
        String[] fields = Csv.fields(line, ',');
        if (fields == null) {
          continue; // a quote never closed: the row is read, it has no field to tokenize
        }
        for (int i = 0; i < handlers.length && i < fields.length; i++) {
          if (handlers[i] != null) {
            String norm = handlers[i].normalize(fields[i]);
            if (norm != null) {
              checksum ^= hasher.token(in.types()[i], norm).hashCode() * (rows | 1);
              tokens++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(in.file() + ": " + e.getMessage(), e);
    }
    return new Result(rows, tokens, checksum);
  }
}
