package org.leaktrace.jobs.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * A case at benchmark scale, written in a streaming way: {@code dumps} dumps and {@code platforms}
 * reference platforms of about {@code rows} rows in each of {@code snapshots} monthly snapshots, every
 * value a pure function of (seed, dataset, snapshot, row index), so files are written in parallel parts
 * with constant memory and the same seed gives the same bytes.
 *
 * <p>Population: 2 × rows persons; platform k's first snapshot holds persons [k·rows/2, k·rows/2 + rows)
 * (mod the population), so platforms overlap as real ones do. Between consecutive snapshots a platform
 * gains {@link #ADDED} of rows as new records, and each record is deleted with probability {@link
 * #DELETED} and updated (a changed mobile, or a changed address where the platform keeps one) with
 * probability {@link #UPDATED}. Dump 1 has the courier layout under other headers and another column
 * order: 70% of its rows are courier-x records of the last snapshot verbatim (the source), 20% are people
 * of the next platform with waybills of their own (same people, not the same records), 9% are people on
 * no platform, 1% duplicates and invalid mobiles. Each later dump is a resale of the one before it: an
 * even-numbered dump a re-ordered {@link #SUBSET} of it, an odd-numbered one a merge of half of it with
 * as many people of another platform. This is a workload for timing, not a realistic case (see {@link
 * Generator} for that): its figures are not checked against a truth.
 */
public final class ScaleCase {

  /** Rows per file part: each part is one ingest task (a single large file is read by one task). */
  public static final int DEFAULT_PART_ROWS = 1_000_000;

  public static final String DUMP_ID = "bench-dump";
  /** The last snapshot's date; the ones before it are a month apart. */
  static final LocalDate LAST_SNAPSHOT = LocalDate.of(2020, 3, 1);
  /** Dump 1's obtained date; each later dump is obtained a month after the one before. */
  static final LocalDate FIRST_OBTAINED = LocalDate.of(2020, 3, 25);

  /** Churn from one snapshot to the next, as shares of a platform's rows (see the class comment). */
  public static final double ADDED = 0.02;
  public static final double DELETED = 0.02;
  public static final double UPDATED = 0.03;
  /** An even-numbered dump's rows, as a share of the dump before it. */
  public static final double SUBSET = 0.6;

  public static final int MAX_SNAPSHOTS = 120;
  public static final int MAX_DUMPS = 20;

  private static final String[] KINDS = {"courier", "hotel", "rental app", "e-commerce"};
  private static final String[] IDS = {"courier-x", "hotel-y", "rental-z", "shop-w"};
  private static final String[][] HEADERS = {
    {"运单号", "收件人", "手机号", "地址", "下单时间"},
    {"name", "id_card", "mobile", "hotel", "checkin", "checkout"},
    {"user_id", "姓名", "手机号", "身份证号", "gps"},
    {"order_id", "姓名", "mobile", "email", "银行卡号", "amount", "item", "address", "datetime"},
  };
  /** The dump: the courier's fields, other headers, other order (mobile, name, address, waybill, time). */
  private static final String[] DUMP_HEADER = {"电话", "姓名", "收货地址", "快递单号", "时间"};

  private static final String[] MOBILE_PREFIXES = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "177", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    "198", "199"
  };
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡"
  };
  private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉力宇鑫浩然子轩雨欣梓涵";
  private static final String[] ROADS = {"人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "长江路", "黄河路"};
  private static final String[] HOTELS = {"如家酒店", "汉庭酒店", "全季酒店", "锦江之星", "7天酒店", "亚朵酒店"};
  private static final String[] ITEMS = {"蓝牙耳机", "保温杯", "运动鞋", "羽绒服", "手机壳", "洗发水", "电饭煲", "充电宝"};
  private static final String[] EMAIL_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com"};
  private static final String[] CARD_BINS = {"622202", "621700", "622848", "621226", "622588", "621483"};

  private final long rows;
  private final int platforms;
  private final long seed;
  private final int snapshots;
  private final int dumps;
  private final long population;
  /** New records per platform at each snapshot after the first. */
  private final long added;
  private final double logKept = Math.log(1 - DELETED);
  /** Per dump (index d − 1): its rows, and the multiplier and offset of its permutation of its parent. */
  private final long[] dumpRows;
  private final long[] permMultiplier;
  private final long[] permOffset;

  public ScaleCase(long rows, int platforms, long seed) {
    this(rows, platforms, seed, 1, 1);
  }

  public ScaleCase(long rows, int platforms, long seed, int snapshots, int dumps) {
    if (rows < 100) {
      throw new IllegalArgumentException("rows must be at least 100, got " + rows);
    }
    if (platforms < 1 || platforms > IDS.length) {
      throw new IllegalArgumentException("platforms must be 1 to " + IDS.length + ", got " + platforms);
    }
    if (rows > 1_000_000_000L) {
      throw new IllegalArgumentException("rows must be at most 1,000,000,000, got " + rows);
    }
    if (snapshots < 1 || snapshots > MAX_SNAPSHOTS) {
      throw new IllegalArgumentException("snapshots must be 1 to " + MAX_SNAPSHOTS + ", got " + snapshots);
    }
    if (dumps < 1 || dumps > MAX_DUMPS) {
      throw new IllegalArgumentException("dumps must be 1 to " + MAX_DUMPS + ", got " + dumps);
    }
    this.rows = rows;
    this.platforms = platforms;
    this.seed = seed;
    this.snapshots = snapshots;
    this.dumps = dumps;
    this.population = 2 * rows;
    this.added = Math.max(1, Math.round(rows * ADDED));
    dumpRows = new long[dumps];
    permMultiplier = new long[dumps];
    permOffset = new long[dumps];
    dumpRows[0] = rows;
    for (int d = 2; d <= dumps; d++) {
      long parent = dumpRows[d - 2];
      dumpRows[d - 1] = d % 2 == 0 ? Math.max(1, (long) (parent * SUBSET)) : parent;
      // an affine map r -> a·r + b (mod parent) with a coprime to parent is a permutation
      long a = 1 + Math.floorMod(mix(seed, 700, d), parent);
      while (gcd(a, parent) != 1) {
        a = a % parent + 1;
      }
      permMultiplier[d - 1] = a;
      permOffset[d - 1] = Math.floorMod(mix(seed, 701, d), parent);
    }
  }

  /** The id of dump {@code d} (1-based): the first keeps the name of a one-dump case. */
  public static String dumpId(int d) {
    return d == 1 ? DUMP_ID : DUMP_ID + "-" + d;
  }

  /** The date of snapshot {@code s} (0-based) of a case of {@code snapshots} snapshots. */
  public static LocalDate snapshotDate(int s, int snapshots) {
    return LAST_SNAPSHOT.minusMonths(snapshots - 1 - s);
  }

  /** The rows of dump {@code d} (1-based). */
  public long dumpRows(int d) {
    return dumpRows[d - 1];
  }

  /** The id of platform {@code k}. */
  public static String platformId(int k) {
    return IDS[k];
  }

  /** The most platforms a scale case has. */
  public static int maxPlatforms() {
    return IDS.length;
  }

  /** The column types of platform {@code k}'s files, in file order (the floor needs no detection). */
  public static String[] platformTypes(int k) {
    return switch (k) {
      case 0 -> new String[] {"waybill_no", "person_name", "cn_mobile", "address", "datetime"};
      case 1 -> new String[] {"person_name", "cn_resident_id", "cn_mobile", "hotel", "stay_checkin", "stay_checkout"};
      case 2 -> new String[] {"user_id", "person_name", "cn_mobile", "cn_resident_id", "gps"};
      default -> new String[] {"order_id", "person_name", "cn_mobile", "email", "bank_card", "amount", "item",
          "address", "datetime"};
    };
  }

  /** The column types of the dump's files. */
  public static String[] dumpTypes() {
    return new String[] {"cn_mobile", "person_name", "address", "waybill_no", "datetime"};
  }

  /**
   * Writes the case into {@code dir} (case.yaml, keys/case.key, platforms/, dumps/) with {@code threads}
   * writers; {@code progress} receives the rows written so far after each part, so its last figure is
   * every row of the case (header lines not counted). Returns case.yaml.
   */
  public Path write(Path dir, int partRows, int threads, LongConsumer progress) throws IOException {
    Files.createDirectories(dir);
    CaseFile.writeKey(dir, seed);
    List<Part> parts = new ArrayList<>();
    for (int k = 0; k < platforms; k++) {
      Path folder = Files.createDirectories(dir.resolve("platforms").resolve(IDS[k]));
      for (int s = 0; s < snapshots; s++) {
        addParts(parts, folder, snapshotDate(s, snapshots) + ".part-", k, s, slots(s), partRows);
      }
    }
    for (int d = 1; d <= dumps; d++) {
      addParts(parts, Files.createDirectories(dir.resolve("dumps").resolve(dumpId(d))), "part-", -d, 0,
          dumpRows(d), partRows);
    }
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Part p : parts) {
        futures.add(pool.submit(() -> {
          long written = writePart(p);
          progress.accept(done.addAndGet(written));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the case", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause()
          : new IOException("cannot write the case: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Path caseFile = dir.resolve("case.yaml");
    Files.writeString(caseFile, caseYaml(), StandardCharsets.UTF_8);
    return caseFile;
  }

  /** Rows [from, to) of a file: of platform {@code dataset} at {@code snapshot}, or of dump −{@code dataset}. */
  private record Part(Path file, int dataset, int snapshot, long from, long to) {}

  private static void addParts(List<Part> parts, Path folder, String prefix, int dataset, int snapshot, long rows,
      int partRows) {
    int n = 0;
    for (long from = 0; from < rows; from += partRows) {
      parts.add(new Part(folder.resolve(prefix + Csv.pad(++n, 5) + ".csv"), dataset, snapshot, from,
          Math.min(rows, from + partRows)));
    }
  }

  /** Writes one part; returns its rows (a platform part skips the slots not alive at its snapshot). */
  private long writePart(Part p) {
    boolean platform = p.dataset >= 0;
    long written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(p.file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", platform ? HEADERS[p.dataset] : DUMP_HEADER));
      w.write('\n');
      for (long j = p.from; j < p.to; j++) {
        if (platform && !alive(p.dataset, j, p.snapshot)) {
          continue;
        }
        w.write(Csv.line(platform ? platformRow(p.dataset, j, p.snapshot) : dumpRow(-p.dataset, j), ','));
        w.write('\n');
        written++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  private String caseYaml() {
    StringBuilder y = new StringBuilder();
    y.append("# Benchmark case written by leaktrace bench (rows ").append(rows).append(", platforms ")
        .append(platforms).append(", seed ").append(seed).append(", snapshots ").append(snapshots).append(", dumps ")
        .append(dumps).append("): a workload for timing, no truth.\n");
    y.append("case_id: bench-").append(rows).append('\n');
    y.append("taxonomy: ").append(CaseFile.TAXONOMY).append('\n');
    y.append("key_file: keys/case.key\n");
    y.append("platforms:\n");
    for (int k = 0; k < platforms; k++) {
      y.append("  - id: ").append(IDS[k]).append('\n')
          .append("    sector: ").append(KINDS[k]).append('\n')
          .append("    path: platforms/").append(IDS[k]).append('\n');
    }
    y.append("dumps:\n");
    for (int d = 1; d <= dumps; d++) {
      y.append("  - id: ").append(dumpId(d)).append('\n')
          .append("    path: dumps/").append(dumpId(d)).append('\n')
          .append("    obtained: ").append(FIRST_OBTAINED.plusMonths(d - 1)).append('\n')
          .append("    seller: vendor-").append(d).append('\n')
          .append("    buyer: undercover-1\n")
          .append("    insider: false\n")
          .append("    format: auto\n")
          .append("    encoding: auto\n");
    }
    return y.toString();
  }

  // ---- rows: pure functions of (seed, dataset, snapshot, index) ----

  /** Record slots of a platform up to snapshot {@code s}: the first snapshot's rows, then {@link #added} a snapshot. */
  private long slots(int s) {
    return rows + s * added;
  }

  private int birth(long j) {
    return j < rows ? 0 : 1 + (int) ((j - rows) / added);
  }

  /** Whether slot {@code j} of platform {@code k} is a record at snapshot {@code s}. */
  boolean alive(int k, long j, int s) {
    int birth = birth(j);
    if (s < birth) {
      return false;
    }
    // snapshots survived after birth: geometric, each deletion with probability DELETED
    double u = ((mix(seed, 300 + k, j) >>> 11) + 1) * 0x1.0p-53;
    return s - birth < 1 + (long) Math.floor(Math.log(u) / logKept);
  }

  /** Record {@code j} of platform {@code k} as it stands at snapshot {@code s} (its updates up to then applied). */
  String[] platformRow(int k, long j, int s) {
    long person = Math.floorMod(j + k * (rows / 2), population);
    long h = mix(seed, 100 + k, j);
    String mobile = mobile(person);
    long addressKey = mix(seed, 4, person);
    for (int t = birth(j) + 1; t <= s; t++) {
      long u = mix(seed, 400 + k, j * (MAX_SNAPSHOTS + 1) + t);
      if ((u >>> 11) * 0x1.0p-53 < UPDATED) {
        if ((u & 1) == 1 && (k == 0 || k == 3)) {
          addressKey = mix(seed, 500 + k, j * (MAX_SNAPSHOTS + 1) + t);
        } else {
          // a number no person of the population has, distinct per (platform, record, snapshot)
          mobile = mobile(3 * rows + (k * slots(snapshots - 1) + j) * snapshots + t);
        }
      }
    }
    String address = addressOf(addressKey);
    return switch (k) {
      case 0 -> new String[] {waybill(h), name(person), mobile, address, time(h >>> 7)};
      case 1 -> {
        LocalDateTime in = LocalDateTime.of(2019, 1, 1, 14, 0).plusDays(Math.floorMod(h, 400))
            .plusMinutes(Math.floorMod(h >>> 11, 600));
        yield new String[] {name(person), residentId(person), mobile, HOTELS[pick(h >>> 21, HOTELS.length)],
            fmt(in), fmt(in.plusDays(1 + Math.floorMod(h >>> 31, 4)).withHour(11))};
      }
      case 2 -> new String[] {"U" + Csv.pad(Math.floorMod(h, 10_000_000_000L), 10), name(person), mobile,
          residentId(person), gps(h >>> 5)};
      default -> new String[] {"O" + Csv.pad(Math.floorMod(h, 100_000_000_000_000L), 14), name(person),
          mobile, email(person), card(person), String.format(Locale.ROOT, "%d.%02d",
              1 + Math.floorMod(h >>> 9, 3000), Math.floorMod(h >>> 23, 100)),
          ITEMS[pick(h >>> 29, ITEMS.length)], address, time(h >>> 35)};
    };
  }

  /** Row {@code r} of dump {@code d} (courier fields in the dump's order: mobile, name, address, waybill, time). */
  String[] dumpRow(int d, long r) {
    if (d == 1) {
      return firstDumpRow(r);
    }
    long parent = dumpRows(d - 1);
    long a = permMultiplier[d - 1];
    long b = permOffset[d - 1];
    if (d % 2 == 0) {
      return dumpRow(d - 1, Math.floorMod(a * r + b, parent)); // a resold subset, re-ordered
    }
    if (r % 2 == 0) {
      return dumpRow(d - 1, Math.floorMod(a * (r / 2) + b, parent)); // half of the dump it merges
    }
    // and people of another platform, from another leak
    int k = platforms == 1 ? 0 : 1 + ((d - 3) / 2) % (platforms - 1);
    long person = Math.floorMod(Math.floorMod(mix(seed, 800 + d, r), rows) + k * (rows / 2), population);
    long h = mix(seed, 900 + d, r);
    return new String[] {mobile(person), name(person), address(person), waybill(h), time(h >>> 9)};
  }

  private String[] firstDumpRow(long r) {
    long h = mix(seed, 7, r);
    int bucket = (int) Math.floorMod(h, 100);
    if (bucket < 70) {
      // a courier-x record of the last snapshot: draw until the slot is one
      int last = snapshots - 1;
      long j = Math.floorMod(mix(seed, 8, r), rows);
      for (int i = 1; !alive(0, j, last); i++) {
        j = Math.floorMod(mix(seed, 8 + 1000L * i, r), slots(last));
      }
      String[] c = platformRow(0, j, last);
      return new String[] {c[2], c[1], c[3], c[0], c[4]};
    }
    long person;
    if (bucket < 90) {
      person = Math.floorMod((rows / 2) + Math.floorMod(mix(seed, 9, r), rows), population);
    } else if (bucket < 99 || platforms == 1) {
      person = population + r; // on no platform
    } else if ((r & 1) == 0 && r > 0) {
      return firstDumpRow(r - 1); // a duplicate row
    } else {
      return new String[] {"1" + Csv.pad(Math.floorMod(h, 1_000_000), 6), name(r), address(r), waybill(h), time(h)};
    }
    return new String[] {mobile(person), name(person), address(person), waybill(h >>> 3), time(h >>> 9)};
  }

  private String name(long person) {
    long h = mix(seed, 1, person);
    String s = SURNAMES[pick(h, SURNAMES.length)];
    String g = String.valueOf(GIVEN.charAt(pick(h >>> 8, GIVEN.length())));
    return (h & 0x10000) != 0 ? s + g + GIVEN.charAt(pick(h >>> 17, GIVEN.length())) : s + g;
  }

  /** A valid, distinct mobile per person: prefix by residue, the 8-digit body a bijection of the rest. */
  private static String mobile(long person) {
    long body = Math.floorMod((person / MOBILE_PREFIXES.length) * 48_271L + 12_345L, 100_000_000L);
    return MOBILE_PREFIXES[(int) (person % MOBILE_PREFIXES.length)] + Csv.pad(body, 8);
  }

  private String residentId(long person) {
    long h = mix(seed, 2, person);
    Regions.Region region = Regions.ALL.get(pick(h, Regions.ALL.size()));
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(Math.floorMod(h >>> 13, 20_000));
    StringBuilder b = new StringBuilder(18).append(region.code()).append(birth.getYear())
        .append(Csv.pad(birth.getMonthValue(), 2)).append(Csv.pad(birth.getDayOfMonth(), 2))
        .append(Csv.pad(Math.floorMod(h >>> 33, 1000), 3));
    return b.append(Checks.idCheckChar(b)).toString();
  }

  private static String email(long person) {
    return "u" + Long.toString(person, 36) + "@" + EMAIL_DOMAINS[(int) (person % EMAIL_DOMAINS.length)];
  }

  private String card(long person) {
    long h = mix(seed, 3, person);
    StringBuilder b = new StringBuilder(19).append(CARD_BINS[pick(h, CARD_BINS.length)])
        .append(Csv.pad(Math.floorMod(h >>> 5, 1_000_000_000_000L), 12));
    return b.append(Checks.luhnDigit(b)).toString();
  }

  private String address(long person) {
    return addressOf(mix(seed, 4, person));
  }

  private static String addressOf(long h) {
    Regions.Region r = Regions.ALL.get(pick(h, Regions.ALL.size()));
    String city = r.province().equals(r.city()) ? "" : r.city();
    return r.province() + city + r.district() + ROADS[pick(h >>> 9, ROADS.length)] + (1 + Math.floorMod(h >>> 17, 300))
        + "号" + (1 + Math.floorMod(h >>> 27, 30)) + "栋" + (101 + Math.floorMod(h >>> 33, 2800)) + "室";
  }

  private static String waybill(long h) {
    return "SF" + Csv.pad(Math.floorMod(h, 10_000_000_000_000L), 13);
  }

  private static String time(long h) {
    return fmt(LocalDateTime.of(2019, 1, 1, 0, 0).plusSeconds(Math.floorMod(h, 420L * 86_400)));
  }

  private static String gps(long h) {
    return String.format(Locale.ROOT, "%.5f,%.5f", 22 + Math.floorMod(h, 1_800_000) / 1e5,
        100 + Math.floorMod(h >>> 21, 2_100_000) / 1e5);
  }

  private static String fmt(LocalDateTime t) {
    return t.getYear() + "-" + Csv.pad(t.getMonthValue(), 2) + "-" + Csv.pad(t.getDayOfMonth(), 2) + " "
        + Csv.pad(t.getHour(), 2) + ":" + Csv.pad(t.getMinute(), 2) + ":" + Csv.pad(t.getSecond(), 2);
  }

  private static int pick(long h, int n) {
    return (int) Math.floorMod(h, (long) n);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** SplitMix64 finalizer over (seed, stream, index). */
  static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
