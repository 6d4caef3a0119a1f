package org.leaktrace.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.codec.binary.Hex;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.leaktrace.jobs.common.ReadCounters;
import org.leaktrace.jobs.config.InputFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one physical file on an executor, in one pass: hashes its bytes as stored (what {@code
 * sha256sum} sees), decompresses gzip and zip by their magic bytes, sniffs each unit (the file, or each
 * zip entry), and emits one row per physical line plus, at the end, one accounting row per unit.
 */
final class FileReader implements Iterator<Row>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileReader.class);

  static final String REC_ROW = "row";
  static final String REC_QUARANTINE = "quarantine";
  static final String REC_UNIT = "unit";

  /** Row ids pack file, zip entry and line: 21 + 10 + 32 bits. */
  static final int MAX_FILES = 1 << 21;
  static final int MAX_ENTRIES = 1 << 10;
  static final long MAX_LINES = 1L << 32;
  /** Lines between two additions to the read counters: a heartbeat sees a long file's progress. */
  static final int COUNT_EVERY_LINES = 10_000;

  private final FileTask task;
  /** Lines read of each unit at most (its first ones), 0 for all: a sample, not an ingest. */
  private final long sampleLines;
  /** Where what is read is counted; null: not counted (the sample read). */
  private final ReadCounters counters;
  private long linesNotCounted;
  private long bytesCounted;
  private final DigestInputStream digest;
  private final CountingInputStream counted;
  private final ZipInputStream zip;
  private final Deque<Row> pending = new ArrayDeque<>();
  private final List<UnitStats> units = new ArrayList<>();
  private UnitParser parser;
  private Layout layout;
  private String entry;
  private int entryIndex = -1;
  private boolean finished;

  FileReader(FileTask task) {
    this(task, 0, null);
  }

  /**
   * With {@code sampleLines} above 0, reads only the rows of each unit's first {@code sampleLines} lines
   * and, at the end, its accounting row (the header as read so far; lines, bytes and hash of what was
   * read, not of the file): what column detection needs before the one scan, for a fraction of a read.
   */
  FileReader(FileTask task, long sampleLines, ReadCounters counters) {
    this.task = task;
    this.sampleLines = sampleLines;
    this.counters = counters;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      counted = new CountingInputStream(InputFiles.open(task.location()));
      digest = new DigestInputStream(counted, sha);
      BufferedInputStream in = new BufferedInputStream(digest, 1 << 16);
      int magic = peek(in);
      if (magic == 0x504B0304) {
        zip = new ZipInputStream(in);
      } else {
        zip = null;
        startUnit(null, (magic >>> 16) == 0x1F8B ? new GZIPInputStream(in, 1 << 16) : in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(task.label() + ": cannot be opened", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !finished) {
      advance();
    }
    return !pending.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  private void advance() {
    try {
      if (parser != null && parser.hasNext()) {
        LineRecord r = parser.next();
        if (sampleLines <= 0 || r.line() <= sampleLines) {
          pending.add(lineRow(r));
          if (++linesNotCounted >= COUNT_EVERY_LINES) {
            count();
          }
          return;
        }
        // the sample's end: this unit is done (a zip's next entry is read from its start)
        parser.stop();
      }
      if (parser != null) {
        endUnit();
      }
      if (zip != null) {
        ZipEntry e = nextFileEntry();
        if (e != null) {
          InputStream body = new BufferedInputStream(zip, 1 << 16);
          int magic = peek((BufferedInputStream) body);
          startUnit(e.getName(), (magic >>> 16) == 0x1F8B ? new GZIPInputStream(body, 1 << 16) : body);
          return;
        }
        if (entryIndex < 0) {
          // an empty archive is still accounted for: one unit with no lines
          entryIndex = 0;
          units.add(new UnitStats(null, 0, null, 0, 0, 0, Map.of(), null, null));
        }
      }
      finish();
    } catch (IOException e) {
      throw new UncheckedIOException(task.label() + ": read failed", e);
    }
  }

  private ZipEntry nextFileEntry() throws IOException {
    ZipEntry e;
    while ((e = zip.getNextEntry()) != null && e.isDirectory()) {
      // folders carry no lines
    }
    return e;
  }

  private void startUnit(String entryName, InputStream in) throws IOException {
    entryIndex++;
    if (entryIndex >= MAX_ENTRIES) {
      throw new IllegalStateException(task.label() + ": more than " + MAX_ENTRIES
          + " entries in one archive; unpack it into a folder and point the dataset path at that folder");
    }
    entry = entryName;
    BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, 1 << 16);
    b.mark(Sniffer.SAMPLE_BYTES + 1);
    byte[] sample = b.readNBytes(Sniffer.SAMPLE_BYTES);
    boolean complete = b.read() < 0;
    b.reset();
    Layout layout = Sniffer.sniff(sample, complete, task.format(), task.encoding(), task.header());
    this.layout = layout;
    parser = new UnitParser(b, layout);
  }

  private void endUnit() {
    UnitParser p = parser;
    parser = null;
    long lines = p.linesRead();
    if (lines != p.parsed() + p.quarantined()) {
      throw new IllegalStateException(task.label() + ": read " + lines + " lines but accounted for "
          + (p.parsed() + p.quarantined()) + "; this is a bug in leaktrace");
    }
    units.add(new UnitStats(entry, entryIndex, layout, lines, p.parsed(), p.quarantined(),
        Map.copyOf(p.reasons()), p.header(), p.readError()));
    count();
    if (sampleLines > 0) {
      return;
    }
    LOG.info("ingest: {}: {} lines, {} parsed, {} quarantined ({}, {}){}", unitLabel(), lines, p.parsed(),
        p.quarantined(), layout.encoding(), layout.format().label(),
        p.readError() == null ? "" : "; stopped early: " + p.readError());
  }

  /** Reads what the decompressor left (trailers, central directory) so the hash covers every byte. */
  private void finish() throws IOException {
    finished = true;
    byte[] sink = new byte[1 << 16];
    while (sampleLines <= 0 && digest.read(sink) >= 0) {
      // draining
    }
    String sha = Hex.encodeHexString(digest.getMessageDigest().digest());
    long bytes = counted.count();
    count();
    close();
    for (UnitStats u : units) {
      pending.add(unitRow(u, bytes, sha));
    }
  }

  /** Adds the lines and stored bytes read since the last call to the counters, if any. */
  private void count() {
    if (counters != null) {
      long bytes = counted.count();
      counters.add(linesNotCounted, bytes - bytesCounted);
      bytesCounted = bytes;
    }
    linesNotCounted = 0;
  }

  private String unitLabel() {
    return entry == null ? task.label() : task.label() + "!/" + entry;
  }

  private Row lineRow(LineRecord r) {
    if (r.line() >= MAX_LINES) {
      throw new IllegalStateException(task.label() + ": more than " + MAX_LINES
          + " lines in one file; split the file before ingesting it");
    }
    long rowId = ((long) task.fileIndex() << 42) | ((long) entryIndex << 32) | r.line();
    String rec = r.parsed() ? REC_ROW : REC_QUARANTINE;
    return RowFactory.create(rec, task.dataset(), unitLabel(), task.fileIndex(), entryIndex, r.line(), rowId,
        task.snapshot(), r.fields(), r.reason() == null ? null : r.reason().key(), r.detail(), r.raw(),
        r.rawLength(),
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private Row unitRow(UnitStats u, long bytes, String sha) {
    String file = u.entry() == null ? task.label() : task.label() + "!/" + u.entry();
    Layout l = u.layout();
    return RowFactory.create(REC_UNIT, task.dataset(), file, task.fileIndex(), u.entryIndex(), 0L, 0L,
        task.snapshot(), null, null, null, null, 0L,
        task.kind(), task.datasetId(), task.label(), task.location(), u.entry(), bytes, sha,
        l == null ? null : l.encoding(), l == null ? null : l.format().label(),
        u.header() == null ? null : u.header().toArray(new String[0]),
        u.linesRead(), u.rowsParsed(), u.rowsQuarantined(), scala.jdk.javaapi.CollectionConverters.asScala(new java.util.TreeMap<>(u.quarantineByReason())),
        u.readError());
  }

  @Override
  public void close() throws IOException {
    digest.close();
  }

  private static int peek(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] m = in.readNBytes(4);
    in.reset();
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (i < m.length ? m[i] & 0xFF : 0);
    }
    return v;
  }

  /** Counts the bytes read through it (the stored size, before decompression). */
  static final class CountingInputStream extends java.io.FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }

    long count() {
      return count;
    }
  }
}
