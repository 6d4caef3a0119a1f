package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Plans the seven dumps line by line: each row's source platform and each planted line's quarantine reason. */
final class Dumps {

  static final Charset GB18030 = Charset.forName("GB18030");

  private final Platforms platforms;
  private final SplittableRandom rnd;
  private final ObjectMapper json = new ObjectMapper();
  final List<Dump> all = new ArrayList<>();
  /** Partner → canary rows planted in that partner's licensed copy of shop-w. */
  final Map<String, List<String[]>> canaries;
  /** Distinct hidden-v records in hidden-a, in hidden-b, and in both. */
  int hiddenA;
  int hiddenB;
  int hiddenBoth;

  Dumps(Platforms platforms, Map<String, List<String[]>> canaries, SplittableRandom rnd) {
    this.platforms = platforms;
    this.canaries = canaries;
    this.rnd = rnd;
    List<String[]> leakRows = courierLeak();
    courierResold(leakRows);
    hotelMix();
    loanUnknown();
    shopPartner3();
    hiddenSamples();
  }

  /**
   * A noisy 40% sample of courier-x as of 2020-03-17, GB18030, {@code ----}-separated, in a gzipped
   * and a plain part. Returns the clean rows (valid phone, first occurrences) for the resale.
   */
  private List<String[]> courierLeak() {
    Platform cx = platforms.get("courier-x");
    LocalDate from = LocalDate.of(2020, 3, 1);
    LocalDate ext = LocalDate.of(2020, 3, 17);
    LocalDate to = LocalDate.of(2020, 4, 1);
    Dump d = new Dump("courier-leak", "single_source", LocalDate.of(2020, 3, 25), "vendor-17", "broker-8", true);
    d.format = "delimited:----";
    d.separator = "----";
    d.charset = GB18030;
    d.columns = cx.header;
    d.types = cx.types;
    setWindow(d, ext, from, to);

    // Sample, always keeping a few records that exist only after `from` or only before `to`.
    List<Platform.Rec> chosen = new ArrayList<>();
    List<Boolean> evidence = new ArrayList<>();
    int created = 0;
    int deleted = 0;
    int updated = 0;
    for (Platform.Rec r : cx.aliveOn(ext)) {
      boolean isNew = r.created.isAfter(from);
      boolean isGone = r.deleted != null && !r.deleted.isAfter(to);
      boolean force = (isNew && created < 3) || (isGone && deleted < 3);
      if (force || rnd.nextDouble() < 0.40) {
        chosen.add(r);
        evidence.add(isNew || isGone);
        created += isNew ? 1 : 0;
        deleted += isGone ? 1 : 0;
        updated += !isNew && r.rowOn(ext) != r.rowOn(from) ? 1 : 0;
      }
    }
    d.windowEvidence.put("created_after_from", created);
    d.windowEvidence.put("deleted_before_to", deleted);
    d.windowEvidence.put("updated_after_from", updated);

    int[] order = Draws.permutation(rnd, chosen.size());
    // Pick rows to break (masked phone, wrong length) among those that are not window evidence.
    List<Integer> breakable = new ArrayList<>();
    for (int i : order) {
      if (!evidence.get(i)) {
        breakable.add(i);
      }
    }
    int broken = Math.min(6, breakable.size() / 4);
    boolean[] masked = new boolean[chosen.size()];
    boolean[] wrong = new boolean[chosen.size()];
    for (int k = 0; k < broken; k++) {
      (k % 2 == 0 ? masked : wrong)[breakable.get(k)] = true;
    }

    List<String[]> clean = new ArrayList<>();
    List<double[]> keys = new ArrayList<>();
    List<Dump.Line> rows = new ArrayList<>();
    int pos = 0;
    for (int i : order) {
      String[] f = chosen.get(i).rowOn(ext).clone();
      String phone = f[2];
      if (masked[i]) {
        f[2] = phone.substring(0, 3) + "****" + phone.substring(7);
      } else if (wrong[i]) {
        f[2] = rnd.nextBoolean() ? phone.substring(0, 10) : phone + rnd.nextInt(10);
      } else {
        clean.add(chosen.get(i).rowOn(ext));
        f[2] = stylePhone(phone);
      }
      rows.add(new Dump.Line(d.encode(Csv.literal(f, "----")), null, cx.id));
      keys.add(new double[] {pos, rows.size() - 1});
      // ~3% exact duplicates, placed later in the dump, possibly with another phone style.
      if (!masked[i] && !wrong[i] && rnd.nextDouble() < 0.03) {
        String[] dup = chosen.get(i).rowOn(ext).clone();
        dup[2] = stylePhone(phone);
        rows.add(new Dump.Line(d.encode(Csv.literal(dup, "----")), null, cx.id));
        keys.add(new double[] {pos + 0.5 + rnd.nextDouble() * (chosen.size() - pos), rows.size() - 1});
      }
      pos++;
    }
    keys.sort(Comparator.comparingDouble(k -> k[0]));
    List<Dump.Line> ordered = new ArrayList<>();
    for (double[] k : keys) {
      ordered.add(rows.get((int) k[1]));
    }

    Dump.File part1 = new Dump.File("dumps/courier-leak/part-1.txt.gz", Dump.Compression.GZIP, "\n");
    Dump.File part2 = new Dump.File("dumps/courier-leak/part-2.txt", Dump.Compression.NONE, "\r\n");
    int half = ordered.size() / 2;
    part1.lines.addAll(ordered.subList(0, half));
    part2.lines.addAll(ordered.subList(half, ordered.size()));
    List<String[]> templates = clean.isEmpty() ? List.<String[]>of(cx.records.get(0).latest()) : clean;
    for (int k = 0; k < 2; k++) {
      insert(part1, new Dump.Line(d.encode("A".repeat(1_200_000)), "line_too_long", null), 0);
    }
    insert(part1, invalidEncoding(pick(templates), d), 0);
    insert(part1, binaryLine(pick(templates), d), 0);
    insert(part1, missingField(pick(templates), d, 3), 0);
    insert(part1, missingField(pick(templates), d, 0), 0);
    insert(part1, new Dump.Line(new byte[0], "empty_line", null), 0);
    insert(part2, invalidEncoding(pick(templates), d), 0);
    insert(part2, invalidEncoding(pick(templates), d), 0);
    insert(part2, binaryLine(pick(templates), d), 0);
    insert(part2, missingField(pick(templates), d, 4), 0);
    insert(part2, new Dump.Line(new byte[0], "empty_line", null), 0);
    insert(part2, new Dump.Line(d.encode("  \t"), "empty_line", null), 0);
    d.files.add(part1);
    d.files.add(part2);
    all.add(d);
    return clean;
  }

  /** A resold half of courier-leak's clean rows: UTF-8 CSV with reordered columns, zipped. */
  private void courierResold(List<String[]> leakRows) {
    Platform cx = platforms.get("courier-x");
    Dump leak = all.get(0);
    Dump d = new Dump("courier-resold", "resold_subset", LocalDate.of(2020, 5, 12), leak.buyer, "undercover-1", false);
    d.format = "csv";
    d.separator = ",";
    d.charset = StandardCharsets.UTF_8;
    d.header = true;
    int[] cols = {2, 1, 3, 0, 4};
    d.columns = Draws.select(cx.header, cols);
    d.types = Draws.select(cx.types, cols);
    setWindow(d, leak.extractionDate, leak.windowFrom, leak.windowTo);
    d.derivedFrom = leak.id;
    Dump.File f = new Dump.File("dumps/courier-resold/courier-resold.zip", Dump.Compression.ZIP, "\n");
    List<String[]> kept = new ArrayList<>();
    for (String[] r : leakRows) {
      if (rnd.nextDouble() < 0.5) {
        String[] row = new String[cols.length];
        for (int i = 0; i < cols.length; i++) {
          row[i] = r[cols[i]];
        }
        kept.add(row);
        f.lines.add(new Dump.Line(d.encode(Csv.line(row, ',')), null, cx.id));
      }
    }
    List<String[]> templates = kept.isEmpty() ? leakRows : kept;
    for (int k = 0; k < 2; k++) {
      String[] t = pick(templates);
      String line = t[0] + ",\"" + String.join(",", Arrays.copyOfRange(t, 1, t.length));
      insert(f, new Dump.Line(d.encode(line), "unbalanced_quote", null), 0);
      insert(f, missingField(pick(templates), d, 3), 0);
    }
    f.lines.add(0, headerLine(d));
    d.files.add(f);
    all.add(d);
  }

  /** 60% hotel-y (as of 2020-04-20) and 40% gym-q rows in hotel-y's layout; TSV with some legacy IDs. */
  private void hotelMix() {
    Platform hy = platforms.get("hotel-y");
    Platform gym = platforms.get("gym-q");
    LocalDate ext = LocalDate.of(2020, 4, 20);
    Dump d = new Dump("hotel-mix", "mixture", LocalDate.of(2020, 5, 8), "vendor-23", "undercover-1", false);
    d.format = "tsv";
    d.separator = "\t";
    d.charset = StandardCharsets.UTF_8;
    d.header = true;
    d.columns = hy.header;
    d.types = hy.types;
    setWindow(d, ext, LocalDate.of(2020, 4, 1), LocalDate.of(2020, 5, 1));
    List<String[]> rows = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Platform.Rec r : hy.aliveOn(ext)) {
      if (rnd.nextDouble() < 0.5) {
        rows.add(r.rowOn(ext).clone());
        sources.add(hy.id);
      }
    }
    int gymRows = Math.min(gym.records.size(), (int) Math.round(rows.size() * 2.0 / 3.0));
    for (Platform.Rec r : platforms.shuffled(gym.records).subList(0, gymRows)) {
      rows.add(r.latest().clone());
      sources.add(gym.id);
    }
    Dump.File f = new Dump.File("dumps/hotel-mix/guests.tsv", Dump.Compression.NONE, "\n");
    for (int i : Draws.permutation(rnd, rows.size())) {
      String[] row = rows.get(i);
      String id = row[1];
      if (id.charAt(6) == '1' && id.charAt(7) == '9' && rnd.nextDouble() < 0.06) {
        row[1] = id.substring(0, 6) + id.substring(8, 17);
      } else if (id.endsWith("X") && rnd.nextBoolean()) {
        row[1] = id.substring(0, 17) + "x";
      }
      f.lines.add(new Dump.Line(d.encode(Csv.line(row, '\t')), null, sources.get(i)));
    }
    f.lines.add(0, headerLine(d));
    d.files.add(f);
    all.add(d);
  }

  /** Rows of loan-u (outside the reference set), UTF-8 with BOM, plus two unverifiable rows. */
  private void loanUnknown() {
    Platform loan = platforms.get("loan-u");
    Dump d = new Dump("loan-unknown", "unknown", LocalDate.of(2020, 6, 15), "vendor-31", "undercover-2", false);
    d.format = "csv";
    d.separator = ",";
    d.charset = StandardCharsets.UTF_8;
    d.bom = true;
    d.header = true;
    d.columns = loan.header;
    d.types = loan.types;
    Dump.File f = new Dump.File("dumps/loan-unknown/borrowers.csv", Dump.Compression.NONE, "\r\n");
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : loan.records) {
      if (rnd.nextDouble() < 0.6) {
        rows.add(r.latest());
      }
    }
    // A recycled number: partner-1's canary mobile, reassigned to a real borrower (a canary is a whole
    // record; one planted number seen elsewhere is not partner-1's copy)
    List<String[]> partner1 = canaries.getOrDefault("partner-1", List.of());
    if (!rows.isEmpty() && !partner1.isEmpty()) {
      String[] first = rows.get(0).clone();
      first[loan.column("cn_mobile")] = partner1.get(0)[platforms.get("shop-w").column("cn_mobile")];
      rows.set(0, first);
    }
    for (String[] row : rows) {
      f.lines.add(new Dump.Line(d.encode(Csv.line(row, ',')), null, loan.id));
    }
    // A masked phone next to an ID with a wrong check character: nothing in the row validates.
    for (int k = 0; k < 2 && !loan.records.isEmpty(); k++) {
      String[] bad = pick(loan.records).latest().clone();
      bad[1] = bad[1].substring(0, 3) + "****" + bad[1].substring(7);
      char check = bad[2].charAt(17);
      bad[2] = bad[2].substring(0, 17) + (check == '9' ? '0' : check == 'X' ? '1' : (char) (check + 1));
      insert(f, new Dump.Line(d.encode(Csv.line(bad, ',')), null, loan.id), 0);
    }
    f.lines.add(0, headerLine(d));
    d.files.add(f);
    all.add(d);
  }

  /** partner-3's licensed copy of shop-w (as of 2020-02-10): a 30% sample plus its canaries, JSONL. */
  private void shopPartner3() {
    Platform shop = platforms.get("shop-w");
    LocalDate copied = LocalDate.of(2020, 2, 10);
    Dump d = new Dump("shop-partner3", "partner_copy", LocalDate.of(2020, 4, 2), "p3-employee", "undercover-1", false);
    d.format = "jsonl";
    d.charset = StandardCharsets.UTF_8;
    d.columns = shop.header;
    d.types = shop.types;
    d.canaryPartner = "partner-3";
    setWindow(d, copied, LocalDate.of(2020, 2, 1), LocalDate.of(2020, 3, 1));
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : shop.aliveOn(copied)) {
      if (rnd.nextDouble() < 0.3) {
        rows.add(r.rowOn(copied));
      }
    }
    rows.addAll(canaries.get("partner-3"));
    Dump.File f = new Dump.File("dumps/shop-partner3/orders.jsonl", Dump.Compression.NONE, "\n");
    for (int i : Draws.permutation(rnd, rows.size())) {
      f.lines.add(new Dump.Line(d.encode(jsonLine(shop.header, rows.get(i))), null, shop.id));
    }
    for (int k = 0; k < 2; k++) {
      String whole = jsonLine(shop.header, pick(rows));
      insert(f, new Dump.Line(d.encode(whole.substring(0, whole.length() / 2)), "invalid_json", null), 0);
    }
    d.files.add(f);
    all.add(d);
  }

  /** Two independent samples of hidden-v: 20% pipe-separated UTF-8, 25% UTF-16LE TSV with header. */
  private void hiddenSamples() {
    Platform hv = platforms.get("hidden-v");
    SplittableRandom ra = rnd.split();
    SplittableRandom rb = rnd.split();
    List<String[]> a = new ArrayList<>();
    List<String[]> b = new ArrayList<>();
    for (Platform.Rec r : hv.records) {
      boolean inA = ra.nextDouble() < 0.20;
      boolean inB = rb.nextDouble() < 0.25;
      if (inA) {
        a.add(r.latest());
      }
      if (inB) {
        b.add(r.latest());
      }
      hiddenBoth += inA && inB ? 1 : 0;
    }
    hiddenA = a.size();
    hiddenB = b.size();

    Dump da = new Dump("hidden-a", "hidden_sample", LocalDate.of(2020, 6, 20), "forum-user-a", "undercover-2", false);
    da.format = "delimited:|";
    da.separator = "|";
    da.charset = StandardCharsets.UTF_8;
    da.columns = hv.header;
    da.types = hv.types;
    Dump.File fa = new Dump.File("dumps/hidden-a/dump.txt", Dump.Compression.NONE, "\n");
    for (int i : Draws.permutation(rnd, a.size())) {
      fa.lines.add(new Dump.Line(da.encode(Csv.line(a.get(i), '|')), null, hv.id));
    }
    da.files.add(fa);
    all.add(da);

    Dump db = new Dump("hidden-b", "hidden_sample", LocalDate.of(2020, 7, 2), "forum-user-b", "undercover-2", false);
    db.format = "tsv";
    db.separator = "\t";
    db.charset = StandardCharsets.UTF_16LE;
    db.bom = true;
    db.header = true;
    db.columns = hv.header;
    db.types = hv.types;
    Dump.File fb = new Dump.File("dumps/hidden-b/export.tsv", Dump.Compression.NONE, "\r\n");
    for (int i : Draws.permutation(rnd, b.size())) {
      fb.lines.add(new Dump.Line(db.encode(Csv.line(b.get(i), '\t')), null, hv.id));
    }
    fb.lines.add(0, headerLine(db));
    db.files.add(fb);
    all.add(db);
  }

  private static void setWindow(Dump d, LocalDate ext, LocalDate from, LocalDate to) {
    d.extractionDate = ext;
    d.windowFrom = from;
    d.windowTo = to;
  }

  private Dump.Line headerLine(Dump d) {
    String line = d.separator.length() == 1
        ? Csv.line(d.columns.toArray(new String[0]), d.separator.charAt(0))
        : Csv.literal(d.columns.toArray(new String[0]), d.separator);
    return new Dump.Line(d.encode(line), "header", null);
  }

  /** A row with field {@code drop} left out. */
  private Dump.Line missingField(String[] row, Dump d, int drop) {
    List<String> f = new ArrayList<>(Arrays.asList(row));
    f.remove(Math.min(drop, f.size() - 1));
    String[] a = f.toArray(new String[0]);
    String line = d.separator.length() == 1 ? Csv.line(a, d.separator.charAt(0)) : Csv.literal(a, d.separator);
    return new Dump.Line(d.encode(line), "wrong_field_count", null);
  }

  /** A row with a 0xFF byte (never valid in GB18030) after the first character of the name. */
  private Dump.Line invalidEncoding(String[] row, Dump d) {
    String line = Csv.literal(row, d.separator);
    int cut = row[0].length() + d.separator.length() + 1;
    byte[] head = d.encode(line.substring(0, cut));
    byte[] tail = d.encode(line.substring(cut));
    byte[] out = Arrays.copyOf(head, head.length + 1 + tail.length);
    out[head.length] = (byte) 0xFF;
    System.arraycopy(tail, 0, out, head.length + 1, tail.length);
    return new Dump.Line(out, "invalid_encoding", null);
  }

  /** A row with two NUL characters inside its address. */
  private Dump.Line binaryLine(String[] row, Dump d) {
    String[] f = row.clone();
    f[3] = f[3].substring(0, 2) + "\0\0" + f[3].substring(2);
    return new Dump.Line(d.encode(Csv.literal(f, d.separator)), "binary_content", null);
  }

  private String jsonLine(List<String> keys, String[] row) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      m.put(keys.get(i), row[i]);
    }
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts a line at a random position at or after {@code first}. */
  private void insert(Dump.File f, Dump.Line line, int first) {
    f.lines.add(first + rnd.nextInt(f.lines.size() - first + 1), line);
  }

  /** A phone as leaked dumps write it: plain, +86 with dashes, 0086, spaced, or full-width. */
  private String stylePhone(String m) {
    int s = rnd.nextInt(100);
    if (s < 55) {
      return m;
    } else if (s < 67) {
      return "+86 " + m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
    } else if (s < 77) {
      return "0086" + m;
    } else if (s < 89) {
      return m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
    }
    StringBuilder b = new StringBuilder(m.length());
    for (int i = 0; i < m.length(); i++) {
      b.append((char) (m.charAt(i) + 0xFEE0));
    }
    return b.toString();
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

}
