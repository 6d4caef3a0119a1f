package org.leaktrace.jobs.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** The seven platforms: four reference ones with churn and dated snapshots, three outside the reference set. */
final class Platforms {

  static final List<LocalDate> SNAPSHOTS = List.of(
      LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1), LocalDate.of(2020, 3, 1),
      LocalDate.of(2020, 4, 1), LocalDate.of(2020, 5, 1), LocalDate.of(2020, 6, 1));

  static final double NEW_RATE = 0.05;
  static final double DELETE_RATE = 0.03;
  static final double UPDATE_RATE = 0.03;
  static final LocalDate HISTORY_FROM = LocalDate.of(2018, 1, 1);

  static final String[] HOTEL_CHAINS = {"如家酒店", "汉庭酒店", "全季酒店", "锦江之星", "7天酒店", "亚朵酒店", "维也纳酒店"};
  private static final String[] GYM_CHAINS = {"威尔士健身", "一兆韦德", "乐刻运动", "超级猩猩", "金吉鸟健身"};
  static final String[] ITEMS = {
    "蓝牙耳机", "保温杯", "运动鞋", "羽绒服", "手机壳", "洗发水", "电饭煲", "机械键盘", "双肩包", "茶叶礼盒",
    "儿童绘本", "充电宝", "床上四件套", "空气炸锅", "咖啡豆"
  };
  static final String PASSWORD_CHARS =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final Population population;
  private final SplittableRandom rnd;
  private final Set<String> usedKeys = new HashSet<>();
  final List<Platform> all = new ArrayList<>();

  Platforms(Population population, SplittableRandom rnd) {
    this.population = population;
    this.rnd = rnd;
    reference("courier-x", "courier",
        List.of("运单号", "收件人", "手机号", "地址", "下单时间"),
        List.of("waybill_no", "person_name", "cn_mobile", "address", "datetime"));
    reference("hotel-y", "hotel",
        List.of("name", "id_card", "mobile", "hotel", "checkin", "checkout"),
        List.of("person_name", "cn_resident_id", "cn_mobile", "hotel", "stay_checkin", "stay_checkout"));
    reference("rental-z", "rental app",
        List.of("user_id", "姓名", "手机号", "身份证号", "gps"),
        List.of("user_id", "person_name", "cn_mobile", "cn_resident_id", "gps"));
    reference("shop-w", "e-commerce",
        List.of("order_id", "姓名", "mobile", "email", "银行卡号", "amount", "item", "address", "datetime"),
        List.of("order_id", "person_name", "cn_mobile", "email", "bank_card", "amount", "item", "address",
            "datetime"));
    outside("hidden-v", "unknown (stolen table, not in reference)", 0.40,
        List.of("mobile", "name", "id", "password"),
        List.of("cn_mobile", "person_name", "cn_resident_id", "password"));
    outside("gym-q", "gym", 0.25,
        List.of("name", "id_card", "mobile", "club", "checkin", "checkout"),
        List.of("person_name", "cn_resident_id", "cn_mobile", "free_text", "datetime", "datetime"));
    outside("loan-u", "online lending", 0.12,
        List.of("name", "mobile", "id_no", "loan_amount"),
        List.of("person_name", "cn_mobile", "cn_resident_id", "amount"));
  }

  Platform get(String id) {
    for (Platform p : all) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no platform " + id);
  }

  /** Writes {@code platforms/<id>/YYYY-MM-DD.csv} for every reference platform and snapshot date. */
  void writeSnapshots(Path caseDir) throws IOException {
    writeSnapshots(caseDir, all);
  }

  /** Writes {@code platforms/<id>/YYYY-MM-DD.csv} for each reference platform of {@code all} and snapshot date. */
  static void writeSnapshots(Path caseDir, List<Platform> all) throws IOException {
    for (Platform p : all) {
      if (!p.inReference) {
        continue;
      }
      Path dir = Files.createDirectories(caseDir.resolve("platforms").resolve(p.id));
      // A version appears in up to six snapshots: encode each one once.
      Map<String[], byte[]> encoded = new IdentityHashMap<>();
      for (LocalDate d : SNAPSHOTS) {
        try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(dir.resolve(d + ".csv")), 1 << 16)) {
          w.write(line(p.header.toArray(new String[0])));
          for (Platform.Rec r : p.records) {
            if (r.aliveOn(d)) {
              w.write(encoded.computeIfAbsent(r.rowOn(d), Platforms::line));
            }
          }
        }
      }
    }
  }

  private static byte[] line(String[] row) {
    return (Csv.line(row, ',') + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A full row for a new record of platform {@code id}, created on {@code created}. */
  String[] newRow(String id, Person p, LocalDate created) {
    String when = created + " " + time();
    switch (id) {
      case "courier-x":
        return new String[] {Draws.uniqueKey(rnd, usedKeys, "SF", 13), p.name(), p.mobile(), p.address(), when};
      case "hotel-y": {
        LocalDate out = created.plusDays(1 + rnd.nextInt(4));
        return new String[] {p.name(), p.residentId(), p.mobile(), branch(HOTEL_CHAINS),
            created + " " + hm(12 + rnd.nextInt(11)),
            out + " " + hm(7 + rnd.nextInt(6))};
      }
      case "rental-z":
        return new String[] {Draws.uniqueKey(rnd, usedKeys, "U", 9), p.name(), p.mobile(), p.residentId(), gps(p)};
      case "shop-w":
        return new String[] {Draws.uniqueKey(rnd, usedKeys, "SO", 16), p.name(), p.mobile(), p.email(), p.bankCard(),
            (5 + rnd.nextInt(2000)) + "." + Csv.pad(rnd.nextInt(100), 2),
            ITEMS[rnd.nextInt(ITEMS.length)], p.address(), when};
      case "hidden-v":
        return new String[] {p.mobile(), p.name(), p.residentId(), password()};
      case "gym-q": {
        String in = created + " " + hm(6 + rnd.nextInt(14));
        return new String[] {p.name(), p.residentId(), p.mobile(), branch(GYM_CHAINS), in,
            created + " " + hm(21 + rnd.nextInt(2))};
      }
      case "loan-u":
        return new String[] {p.name(), p.mobile(), p.residentId(), (1 + rnd.nextInt(100)) * 500 + ".00"};
      default:
        throw new IllegalArgumentException(id);
    }
  }

  private void reference(String id, String sector, List<String> header, List<String> types) {
    Platform p = new Platform(id, sector, true, header, types);
    all.add(p);
    List<Person> order = shuffled(population.persons());
    double share = 0.30 + 0.30 * rnd.nextDouble();
    int initial = (int) Math.round(share * order.size());
    for (int i = 0; i < initial; i++) {
      LocalDate created = randomDay(HISTORY_FROM, SNAPSHOTS.get(0));
      p.records.add(new Platform.Rec(order.get(i), created, newRow(id, order.get(i), created)));
    }
    churn(p, order.subList(initial, order.size()));
  }

  private void outside(String id, String sector, double share, List<String> header, List<String> types) {
    Platform p = new Platform(id, sector, false, header, types);
    all.add(p);
    List<Person> order = shuffled(population.persons());
    int n = (int) Math.round(share * order.size());
    for (int i = 0; i < n; i++) {
      LocalDate created = randomDay(HISTORY_FROM, SNAPSHOTS.get(0));
      p.records.add(new Platform.Rec(order.get(i), created, newRow(id, order.get(i), created)));
    }
  }

  /**
   * Between consecutive snapshots: ~5% new records, ~3% deleted, ~3% updated (phone or address). The
   * first new record of a month falls in its first half and the first deletion in its second half,
   * so a mid-month extraction always sees both kinds of evidence.
   */
  private void churn(Platform p, List<Person> newcomers) {
    int nextNewcomer = 0;
    int phoneCol = p.column("cn_mobile");
    int addressCol = p.column("address");
    for (int m = 0; m + 1 < SNAPSHOTS.size(); m++) {
      LocalDate from = SNAPSHOTS.get(m);
      int len = (int) ChronoUnit.DAYS.between(from, SNAPSHOTS.get(m + 1));
      int mid = len / 2;
      List<Platform.Rec> alive = shuffled(p.aliveOn(from));
      int deletes = Math.max(2, (int) Math.round(DELETE_RATE * alive.size()));
      int updates = Math.max(2, (int) Math.round(UPDATE_RATE * alive.size()));
      int creates = Math.max(2, (int) Math.round(NEW_RATE * alive.size()));
      int k = 0;
      for (int i = 0; i < deletes && k < alive.size(); i++, k++) {
        int day = i == 0 ? mid + 2 + rnd.nextInt(len - mid - 2) : 1 + rnd.nextInt(len - 1);
        alive.get(k).deleted = from.plusDays(day);
      }
      for (int i = 0; i < updates && k < alive.size(); i++, k++) {
        Platform.Rec r = alive.get(k);
        String[] row = r.latest().clone();
        boolean phone = addressCol < 0 || (phoneCol >= 0 && rnd.nextBoolean());
        if (phone) {
          row[phoneCol] = population.newMobile();
        } else {
          row[addressCol] = population.newAddress(Regions.ALL.get(rnd.nextInt(Regions.ALL.size())));
        }
        r.addVersion(from.plusDays(1 + rnd.nextInt(len - 1)), row);
      }
      for (int i = 0; i < creates && nextNewcomer < newcomers.size(); i++) {
        int day = i == 0 ? 1 + rnd.nextInt(mid - 2) : 1 + rnd.nextInt(len - 1);
        LocalDate created = from.plusDays(day);
        Person person = newcomers.get(nextNewcomer++);
        p.records.add(new Platform.Rec(person, created, newRow(p.id, person, created)));
      }
    }
  }

  /** A shuffled copy, drawn from this world's platform generator (Dumps uses it too). */
  <T> List<T> shuffled(List<T> in) {
    return Draws.shuffled(rnd, in);
  }

  private LocalDate randomDay(LocalDate from, LocalDate toExclusive) {
    return from.plusDays(rnd.nextLong(ChronoUnit.DAYS.between(from, toExclusive)));
  }

  private String time() {
    return hm(rnd.nextInt(24)) + ":" + Csv.pad(rnd.nextInt(60), 2);
  }

  /** {@code HH:mm} for the given hour and a random minute. */
  private String hm(int hour) {
    return Csv.pad(hour, 2) + ":" + Csv.pad(rnd.nextInt(60), 2);
  }

  private String branch(String[] chains) {
    String district = Regions.ALL.get(rnd.nextInt(Regions.ALL.size())).district();
    return chains[rnd.nextInt(chains.length)] + "(" + district.substring(0, district.length() - 1) + "店)";
  }

  /** A point within ~10 km of the person's home district, as {@code lat,lng}. */
  private String gps(Person p) {
    double lat = p.region().lat() + (rnd.nextDouble() - 0.5) * 0.18;
    double lng = p.region().lng() + (rnd.nextDouble() - 0.5) * 0.18;
    return String.format(Locale.ROOT, "%.6f,%.6f", lat, lng);
  }

  private String password() {
    int n = 6 + rnd.nextInt(7);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(PASSWORD_CHARS.charAt(rnd.nextInt(PASSWORD_CHARS.length())));
    }
    return b.toString();
  }
}
