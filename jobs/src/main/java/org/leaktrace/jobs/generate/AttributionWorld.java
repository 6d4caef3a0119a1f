package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The attribution scenario: four reference platforms that write the same persons each in its own style, three
 * outside sources, and eight dumps shaped like real leaks (an insider copy and its resale, a reseller's mix, a
 * shop copy carrying a courier's waybills, plain copies and lists of unknown origin).
 */
final class AttributionWorld {

  static final String CASE_ID = "attribution-2020";

  private static final List<LocalDate> SNAPSHOTS = Platforms.SNAPSHOTS;
  private static final LocalDate LAST_SNAPSHOT = SNAPSHOTS.get(SNAPSHOTS.size() - 1);
  /** Share of shop-w orders shipped by courier-x (the order carries courier-x's waybill). */
  private static final double SHIPPED_BY_COURIER_X = 0.70;
  /** Share of forum-creds users with a rental-z account who reuse its password verbatim. */
  private static final double PASSWORD_REUSE = 0.60;

  /** A dump as planned, with what the truth needs beyond its lines. */
  static final class Planned {
    final Dump dump;
    /** Reference platform → the date its rows were copied. */
    final Map<String, LocalDate> extraction = new LinkedHashMap<>();
    /** Re-typed values planted in the dump, by kind. */
    final Map<String, Integer> variations = new LinkedHashMap<>();
    /** The field types a row is counted under, when one column mixes types (mobile or e-mail). */
    Function<String[], List<String>> countTypes;

    Planned(Dump dump) {
      this.dump = dump;
      this.countTypes = row -> dump.types;
    }
  }

  private final Population population;
  private final SplittableRandom rnd;
  private final ObjectMapper json = new ObjectMapper();
  private final Set<String> usedKeys = new HashSet<>();
  /** The parts of the address each platform row holds, by the row's identity. */
  private final Map<String[], Styles.Address> addressOf = new IdentityHashMap<>();
  private final Map<String, Styles.Style> styles = new LinkedHashMap<>();
  private final Styles.Address[] homes;
  final List<Platform> platforms = new ArrayList<>();
  final List<Planned> planned = new ArrayList<>();

  AttributionWorld(Population population, SplittableRandom rnd) {
    this.population = population;
    this.rnd = rnd;
    this.homes = new Styles.Address[population.persons().size()];
    for (Person p : population.persons()) {
      homes[p.index()] = Styles.Address.parse(p.region(), p.address());
    }
    Platform courier = platform("courier-x", "courier", true, Styles.Style.COURIER_X,
        List.of("运单号", "收件人", "收件人手机", "收件地址", "揽收时间"),
        List.of("waybill_no", "person_name", "cn_mobile", "address", "datetime"));
    Platform hotel = platform("hotel-y", "hotel", true, Styles.Style.HOTEL_Y,
        List.of("name", "id_card", "mobile", "hotel", "checkin", "checkout"),
        List.of("person_name", "cn_resident_id", "cn_mobile", "hotel", "stay_checkin", "stay_checkout"));
    Platform rental = platform("rental-z", "rental app", true, Styles.Style.RENTAL_Z,
        List.of("user_id", "姓名", "手机号", "身份证号", "地址", "银行卡号", "月租金", "密码"),
        List.of("user_id", "person_name", "cn_mobile", "cn_resident_id", "address", "bank_card", "amount",
            "password"));
    Platform shop = platform("shop-w", "e-commerce", true, Styles.Style.SHOP_W,
        List.of("order_id", "收货人", "mobile", "收货地址", "amount", "item", "下单时间", "运单号"),
        List.of("order_id", "person_name", "cn_mobile", "address", "amount", "item", "datetime", "waybill_no"));
    Platform rival = platform("courier-r", "courier (rival, not in reference)", false, Styles.Style.COURIER_R,
        List.of("单号", "姓名", "电话", "地址", "时间"),
        List.of("waybill_no", "person_name", "cn_mobile", "address", "datetime"));
    Platform forum = platform("forum-creds", "forum (credential breach, not in reference)", false, null,
        List.of("account", "password"), List.of("account", "password"));
    Platform marketing = platform("marketing", "marketing list (not in reference)", false, Styles.Style.MARKETING,
        List.of("姓名", "电话", "地址"), List.of("person_name", "cn_mobile", "address"));

    fillReference(hotel, 0.30 + 0.30 * rnd.nextDouble(), (p, d) -> hotel.records.add(hotelRec(p, d)));
    fillReference(rental, 0.30 + 0.30 * rnd.nextDouble(), (p, d) -> rental.records.add(rentalRec(p, d)));
    fillReference(shop, 0.30 + 0.30 * rnd.nextDouble(), (p, d) -> shopOrder(shop, courier, p, d));
    // courier-x's own parcels, on top of the shop's shipments: 0.3-0.6 of persons in all
    fillReference(courier, 0.15 + 0.20 * rnd.nextDouble(),
        (p, d) -> courier.records.add(courierRec(p, randomTime(d), courier)));

    fillOutside(rival, 0.30 + 0.20 * rnd.nextDouble(), p -> {
      LocalDateTime t = randomTime(randomDay(Platforms.HISTORY_FROM, LAST_SNAPSHOT));
      String[] row = {Draws.uniqueKey(rnd, usedKeys, "YT", 12), p.name(),
          Styles.mobile(Styles.Style.COURIER_R, p.mobile()),
          Styles.address(Styles.Style.COURIER_R, home(p)), Styles.seconds(t)};
      addressOf.put(row, home(p));
      return new Platform.Rec(p, t.toLocalDate(), row);
    });
    fillOutside(marketing, 0.30 + 0.20 * rnd.nextDouble(), p -> {
      String[] row = {p.name(), Styles.mobile(Styles.Style.MARKETING, p.mobile()),
          Styles.address(Styles.Style.MARKETING, home(p))};
      addressOf.put(row, home(p));
      return new Platform.Rec(p, randomDay(Platforms.HISTORY_FROM, LAST_SNAPSHOT), row);
    });
    Map<Integer, String> rentalPassword = new LinkedHashMap<>();
    for (Platform.Rec r : rental.records) {
      rentalPassword.put(r.person.index(), r.latest()[7]);
    }
    fillOutside(forum, 0.30 + 0.20 * rnd.nextDouble(), p -> {
      String account = rnd.nextDouble() < 0.60 ? p.email() : p.mobile();
      String reused = rentalPassword.get(p.index());
      String password = reused != null && rnd.nextDouble() < PASSWORD_REUSE ? reused : password();
      return new Platform.Rec(p, randomDay(Platforms.HISTORY_FROM, LAST_SNAPSHOT), new String[] {account, password});
    });

    hotelInsiderAndCopy(hotel);
    aggregate(courier, rental, marketing);
    marketingList(marketing);
    credList(forum);
    shopOrders(shop);
    rivalCourier(rival);
    courierLeak(courier);
  }

  List<Dump> dumps() {
    List<Dump> out = new ArrayList<>();
    for (Planned p : planned) {
      out.add(p.dump);
    }
    return out;
  }

  Platform get(String id) {
    for (Platform p : platforms) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no platform " + id);
  }

  // ---------------------------------------------------------------- platforms

  private Platform platform(String id, String sector, boolean reference, Styles.Style style, List<String> header,
      List<String> types) {
    Platform p = new Platform(id, sector, reference, header, types);
    platforms.add(p);
    styles.put(id, style);
    return p;
  }

  private Styles.Address home(Person p) {
    return homes[p.index()];
  }

  private Platform.Rec hotelRec(Person p, LocalDate day) {
    LocalDateTime in = day.atTime(12 + rnd.nextInt(11), rnd.nextInt(60), rnd.nextInt(60));
    LocalDateTime out = day.plusDays(1 + rnd.nextInt(4)).atTime(7 + rnd.nextInt(6), rnd.nextInt(60), rnd.nextInt(60));
    return new Platform.Rec(p, day, new String[] {p.name(), p.residentId(), Styles.mobile(Styles.Style.HOTEL_Y,
        p.mobile()), branch(), Styles.seconds(in), Styles.seconds(out)});
  }

  private Platform.Rec rentalRec(Person p, LocalDate day) {
    String rent = (8 + rnd.nextInt(73)) * 100 + ".00";
    String[] row = {Draws.uniqueKey(rnd, usedKeys, "U", 9), p.name(),
        Styles.mobile(Styles.Style.RENTAL_Z, p.mobile()), p.residentId(),
        Styles.address(Styles.Style.RENTAL_Z, home(p)), Styles.card(Styles.Style.RENTAL_Z, p.bankCard()), rent,
        password()};
    addressOf.put(row, home(p));
    return new Platform.Rec(p, day, row);
  }

  private Platform.Rec courierRec(Person p, LocalDateTime pickup, Platform courier) {
    String[] row = {Draws.uniqueKey(rnd, usedKeys, "SF", 12), p.name(),
        Styles.mobile(Styles.Style.COURIER_X, p.mobile()),
        Styles.address(Styles.Style.COURIER_X, home(p)), Styles.seconds(pickup)};
    addressOf.put(row, home(p));
    return new Platform.Rec(p, pickup.toLocalDate(), row);
  }

  /** A shop-w order; ~70% are shipped by courier-x, picked up hours after the order, on the same waybill. */
  private void shopOrder(Platform shop, Platform courier, Person p, LocalDate day) {
    LocalDateTime ordered = randomTime(day);
    String waybill = "";
    if (rnd.nextDouble() < SHIPPED_BY_COURIER_X) {
      LocalDateTime pickup = ordered.plusMinutes(90 + rnd.nextInt(36 * 60)).withSecond(rnd.nextInt(60));
      // a parcel picked up after the last snapshot is in no courier-x export: leave it unshipped
      if (!pickup.toLocalDate().isAfter(LAST_SNAPSHOT)) {
        Platform.Rec parcel = courierRec(p, pickup, courier);
        courier.records.add(parcel);
        waybill = parcel.latest()[0];
      }
    }
    String amount = (5 + rnd.nextInt(2000)) + "." + Csv.pad(rnd.nextInt(100), 2);
    String[] row = {Draws.uniqueKey(rnd, usedKeys, "SO", 16), p.name(), Styles.mobile(Styles.Style.SHOP_W, p.mobile()),
        Styles.address(Styles.Style.SHOP_W, home(p)), amount,
        Platforms.ITEMS[rnd.nextInt(Platforms.ITEMS.length)], Styles.seconds(ordered), waybill};
    addressOf.put(row, home(p));
    shop.records.add(new Platform.Rec(p, day, row));
  }

  /** A share of the persons before the first snapshot, then monthly churn as in the default world. */
  private void fillReference(Platform p, double share, BiConsumer<Person, LocalDate> create) {
    List<Person> order = Draws.shuffled(rnd, population.persons());
    int initial = (int) Math.round(share * order.size());
    for (int i = 0; i < initial; i++) {
      create.accept(order.get(i), randomDay(Platforms.HISTORY_FROM, SNAPSHOTS.get(0)));
    }
    churn(p, order.subList(initial, order.size()), create);
  }

  private void fillOutside(Platform p, double share, Function<Person, Platform.Rec> create) {
    List<Person> order = Draws.shuffled(rnd, population.persons());
    int n = (int) Math.round(share * order.size());
    for (int i = 0; i < n; i++) {
      p.records.add(create.apply(order.get(i)));
    }
  }

  /**
   * Between consecutive snapshots: ~5% new records, ~3% deleted, ~3% updated (mobile or address, written in
   * the platform's style). The first new record of a month falls in its first half and the first deletion in
   * its second half, so a mid-month extraction sees both kinds of evidence.
   */
  private void churn(Platform p, List<Person> newcomers, BiConsumer<Person, LocalDate> create) {
    Styles.Style style = styles.get(p.id);
    int nextNewcomer = 0;
    int phoneCol = p.column("cn_mobile");
    int addressCol = p.column("address");
    for (int m = 0; m + 1 < SNAPSHOTS.size(); m++) {
      LocalDate from = SNAPSHOTS.get(m);
      int len = (int) ChronoUnit.DAYS.between(from, SNAPSHOTS.get(m + 1));
      int mid = len / 2;
      List<Platform.Rec> alive = Draws.shuffled(rnd, p.aliveOn(from));
      int deletes = Math.max(2, (int) Math.round(Platforms.DELETE_RATE * alive.size()));
      int updates = Math.max(2, (int) Math.round(Platforms.UPDATE_RATE * alive.size()));
      int creates = Math.max(2, (int) Math.round(Platforms.NEW_RATE * alive.size()));
      int k = 0;
      for (int i = 0; i < deletes && k < alive.size(); i++, k++) {
        int day = i == 0 ? mid + 2 + rnd.nextInt(len - mid - 2) : 1 + rnd.nextInt(len - 1);
        alive.get(k).deleted = from.plusDays(day);
      }
      for (int i = 0; i < updates && k < alive.size(); i++, k++) {
        Platform.Rec r = alive.get(k);
        String[] row = r.latest().clone();
        Styles.Address address = addressOf.get(r.latest());
        if (addressCol < 0 || rnd.nextBoolean()) {
          row[phoneCol] = Styles.mobile(style, population.newMobile());
        } else {
          Regions.Region region = Regions.ALL.get(rnd.nextInt(Regions.ALL.size()));
          address = Styles.Address.parse(region, population.newAddress(region));
          row[addressCol] = Styles.address(style, address);
        }
        if (address != null) {
          addressOf.put(row, address);
        }
        r.addVersion(from.plusDays(1 + rnd.nextInt(len - 1)), row);
      }
      for (int i = 0; i < creates && nextNewcomer < newcomers.size(); i++) {
        int day = i == 0 ? 1 + rnd.nextInt(mid - 2) : 1 + rnd.nextInt(len - 1);
        create.accept(newcomers.get(nextNewcomer++), from.plusDays(day));
      }
    }
  }

  // ---------------------------------------------------------------- dumps

  /**
   * hotel-insider: a front-desk copy of ~50% of hotel-y's records alive mid-month, stay times re-typed to the
   * minute; hotel-insider-copy: a resale of ~50% of it, stay dates as Chinese dates, columns reordered, bought
   * by the investigators before the original.
   */
  private void hotelInsiderAndCopy(Platform hotel) {
    int m = rnd.nextInt(SNAPSHOTS.size() - 2);
    LocalDate ext = midMonth(m);
    LocalDate copyObtained = SNAPSHOTS.get(m + 1).plusDays(2 + rnd.nextInt(11));
    LocalDate obtained = copyObtained.plusDays(5 + rnd.nextInt(26));
    // the front desk sells to a broker, who resells a part to the investigators
    Planned ins = plan("hotel-insider", "insider_copy", obtained, "hotel-y-frontdesk", "broker-" + (10 + rnd.nextInt(90)),
        true);
    List<String> header = List.of("姓名", "证件号码", "手机", "酒店", "入住时间", "离店时间");
    layout(ins, header, hotel.types);
    ins.extraction.put(hotel.id, ext);
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : sample(hotel, ext, 0.40 + 0.20 * rnd.nextDouble())) {
      String[] row = r.rowOn(ext).clone();
      row[4] = Styles.toMinute(row[4]);
      row[5] = Styles.toMinute(row[5]);
      rows.add(row);
    }
    ins.variations.put("stay_times_to_the_minute", rows.size());
    emit(ins, "guests", rows, sameSource(hotel.id, rows.size()));

    Planned copy = plan("hotel-insider-copy", "resold_subset", copyObtained, ins.dump.buyer, buyer(), false);
    int[] cols = Draws.permutation(rnd, header.size());
    if (isIdentity(cols)) {
      cols = new int[] {2, 0, 1, 4, 5, 3};
    }
    layout(copy, Draws.select(header, cols), Draws.select(hotel.types, cols));
    copy.dump.derivedFrom = ins.dump.id;
    copy.extraction.put(hotel.id, ext);
    double keep = 0.40 + 0.20 * rnd.nextDouble();
    List<String[]> copied = new ArrayList<>();
    for (String[] r : rows) {
      if (rnd.nextDouble() < keep) {
        String[] row = r.clone();
        row[4] = Styles.chineseDay(row[4]);
        row[5] = Styles.chineseDay(row[5]);
        copied.add(select(row, cols));
      }
    }
    copy.variations.put("stay_dates_as_chinese_days", copied.size());
    copy.variations.put("columns_reordered", 1);
    emit(copy, "hotel", copied, sameSource(hotel.id, copied.size()));
  }

  /**
   * A reseller's mix of person-only rows: ~40% courier-x and ~30% rental-z as those platforms write them,
   * the rest from the marketing list in its style; disjoint persons, so no two rows are one piece.
   */
  private void aggregate(Platform courier, Platform rental, Platform marketing) {
    LocalDate extC = midMonth(rnd.nextInt(SNAPSHOTS.size() - 1));
    LocalDate extR = midMonth(rnd.nextInt(SNAPSHOTS.size() - 1));
    LocalDate last = after(extC).isAfter(after(extR)) ? after(extC) : after(extR);
    Planned ag = plan("aggregate", "mixture", last.plusDays(3 + rnd.nextInt(30)), vendor(), buyer(), false);
    layout(ag, List.of("姓名", "手机", "地址", "银行卡", "金额"),
        List.of("person_name", "cn_mobile", "address", "bank_card", "amount"));
    ag.extraction.put(courier.id, extC);
    ag.extraction.put(rental.id, extR);
    int total = Math.max(30, (int) Math.round(0.25 * population.persons().size()));
    int nc = (int) Math.round((0.35 + 0.10 * rnd.nextDouble()) * total);
    int nr = (int) Math.round((0.25 + 0.10 * rnd.nextDouble()) * total);
    int nu = total - nc - nr;
    Set<Integer> used = new HashSet<>();
    List<String[]> rows = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Platform.Rec r : pickPersons(courier.aliveOn(extC), nc, used)) {
      String[] v = r.rowOn(extC);
      rows.add(new String[] {name(ag, r.person, v[1]), v[2], address(ag, Styles.Style.COURIER_X, v, 3), "", ""});
      sources.add(courier.id);
    }
    for (Platform.Rec r : pickPersons(rental.aliveOn(extR), nr, used)) {
      String[] v = r.rowOn(extR);
      String rent = v[6];
      if (rnd.nextInt(4) == 0) {
        rent = Styles.withUnit(rent);
        ag.variations.merge("amounts_with_unit", 1, Integer::sum);
      }
      rows.add(new String[] {name(ag, r.person, v[1]), v[2], address(ag, Styles.Style.RENTAL_Z, v, 4), v[5], rent});
      sources.add(rental.id);
    }
    for (Platform.Rec r : pickPersons(marketing.records, nu, used)) {
      String[] v = r.latest();
      rows.add(new String[] {name(ag, r.person, v[0]), v[1], address(ag, Styles.Style.MARKETING, v, 2), "", ""});
      sources.add(marketing.id);
    }
    emit(ag, "sgk", rows, sources);
  }

  private void marketingList(Platform marketing) {
    Planned ml = plan("marketing-list", "unknown", randomObtained(), vendor(), buyer(), false);
    layout(ml, marketing.header, marketing.types);
    double keep = 0.60 + 0.30 * rnd.nextDouble();
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : marketing.records) {
      if (rnd.nextDouble() < keep) {
        rows.add(r.latest());
      }
    }
    emit(ml, "customers", rows, sameSource(marketing.id, rows.size()));
  }

  /** forum-creds' accounts (an e-mail or a mobile) and passwords, some reused from rental-z. */
  private void credList(Platform forum) {
    Planned cl = plan("cred-list", "unknown", randomObtained(), vendor(), buyer(), false);
    int k = rnd.nextInt(3);
    if (k == 0) {
      cl.dump.format = "delimited:----";
      cl.dump.separator = "----";
    } else if (k == 1) {
      cl.dump.format = "csv";
      cl.dump.separator = ",";
      cl.dump.header = true;
    } else {
      cl.dump.format = "jsonl";
    }
    cl.dump.charset = StandardCharsets.UTF_8;
    cl.dump.columns = forum.header;
    cl.dump.types = forum.types;
    cl.countTypes = row -> List.of(row[0].indexOf('@') >= 0 ? "email" : "cn_mobile", "password");
    double keep = 0.60 + 0.40 * rnd.nextDouble();
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : forum.records) {
      if (rnd.nextDouble() < keep) {
        rows.add(r.latest());
      }
    }
    emit(cl, "combo", rows, sameSource(forum.id, rows.size()));
  }

  /** A copy of shop-w's orders mid-month, with their courier-x waybills; some amounts with units or separators. */
  private void shopOrders(Platform shop) {
    LocalDate ext = midMonth(rnd.nextInt(SNAPSHOTS.size() - 1));
    Planned so = plan("shop-orders", "single_source", after(ext).plusDays(3 + rnd.nextInt(38)), vendor(), buyer(),
        false);
    layout(so, shop.header, shop.types);
    so.extraction.put(shop.id, ext);
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : sample(shop, ext, 0.40 + 0.30 * rnd.nextDouble())) {
      String[] row = r.rowOn(ext).clone();
      int u = rnd.nextInt(100);
      if (u < 12 && row[4].indexOf('.') >= 4) {
        row[4] = Styles.withSeparators(row[4]);
        so.variations.merge("amounts_with_separators", 1, Integer::sum);
      } else if (u < 20) {
        row[4] = Styles.withUnit(row[4]);
        so.variations.merge("amounts_with_unit", 1, Integer::sum);
      }
      if (!row[7].isEmpty()) {
        so.variations.merge("courier_x_waybills", 1, Integer::sum);
      }
      rows.add(row);
    }
    emit(so, "orders", rows, sameSource(shop.id, rows.size()));
  }

  private void rivalCourier(Platform rival) {
    Planned rc = plan("rival-courier", "unknown", randomObtained(), vendor(), buyer(), false);
    layout(rc, rival.header, rival.types);
    double keep = 0.50 + 0.40 * rnd.nextDouble();
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : rival.records) {
      if (rnd.nextDouble() < keep) {
        rows.add(r.latest());
      }
    }
    emit(rc, "waybills", rows, sameSource(rival.id, rows.size()));
  }

  /**
   * A plain copy of courier-x mid-month (one world in five: after the last snapshot, an open window), pickup
   * times re-typed to the minute, ~5% of addresses cut short.
   */
  private void courierLeak(Platform courier) {
    boolean afterLast = rnd.nextInt(5) == 0;
    LocalDate ext = midMonth(afterLast ? SNAPSHOTS.size() - 1 : rnd.nextInt(SNAPSHOTS.size() - 1));
    LocalDate to = after(ext);
    Planned cl = plan("courier-leak", "single_source", (to == null ? ext : to).plusDays(3 + rnd.nextInt(38)),
        vendor(), buyer(), false);
    layout(cl, courier.header, courier.types);
    cl.extraction.put(courier.id, ext);
    List<String[]> rows = new ArrayList<>();
    for (Platform.Rec r : sample(courier, ext, 0.35 + 0.25 * rnd.nextDouble())) {
      String[] v = r.rowOn(ext);
      String[] row = v.clone();
      row[4] = Styles.toMinute(row[4]);
      if (rnd.nextInt(100) < 5) {
        row[3] = Styles.address(Styles.Style.COURIER_X, addressOf.get(v),
            rnd.nextBoolean() ? Styles.Cut.DISTRICT : Styles.Cut.ROAD);
        cl.variations.merge("addresses_truncated", 1, Integer::sum);
      }
      rows.add(row);
    }
    cl.variations.put("pickup_times_to_the_minute", rows.size());
    emit(cl, "waybills", rows, sameSource(courier.id, rows.size()));
  }

  /** ~10% of names with an honorific or a space after the surname. */
  private String name(Planned pl, Person p, String written) {
    int u = rnd.nextInt(20);
    if (u == 0) {
      pl.variations.merge("names_honorific", 1, Integer::sum);
      return Styles.honorific(p);
    } else if (u == 1) {
      pl.variations.merge("names_spaced", 1, Integer::sum);
      return Styles.spaced(p);
    }
    return written;
  }

  /** ~10% of addresses cut after the district or after the road. */
  private String address(Planned pl, Styles.Style style, String[] row, int col) {
    int u = rnd.nextInt(20);
    if (u > 1) {
      return row[col];
    }
    pl.variations.merge("addresses_truncated", 1, Integer::sum);
    return Styles.address(style, addressOf.get(row), u == 0 ? Styles.Cut.DISTRICT : Styles.Cut.ROAD);
  }

  /** Up to {@code n} records of persons not used yet, in random order; marks their persons used. */
  private List<Platform.Rec> pickPersons(List<Platform.Rec> records, int n, Set<Integer> used) {
    List<Platform.Rec> out = new ArrayList<>();
    for (Platform.Rec r : Draws.shuffled(rnd, records)) {
      if (out.size() == n) {
        break;
      }
      if (used.add(r.person.index())) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Records alive on {@code ext}, each kept with probability {@code fraction}, always keeping up to three
   * created after the snapshot before and three deleted by the snapshot after (the window's evidence).
   */
  private List<Platform.Rec> sample(Platform p, LocalDate ext, double fraction) {
    LocalDate from = before(ext);
    LocalDate to = after(ext);
    List<Platform.Rec> out = new ArrayList<>();
    int created = 0;
    int deleted = 0;
    for (Platform.Rec r : p.aliveOn(ext)) {
      boolean isNew = from != null && r.created.isAfter(from);
      boolean isGone = to != null && r.deleted != null && !r.deleted.isAfter(to);
      boolean force = (isNew && created < 3) || (isGone && deleted < 3);
      if (force || rnd.nextDouble() < fraction) {
        out.add(r);
        created += isNew ? 1 : 0;
        deleted += isGone ? 1 : 0;
      }
    }
    return out;
  }

  private Planned plan(String id, String kind, LocalDate obtained, String seller, String buyer, boolean insider) {
    Planned p = new Planned(new Dump(id, kind, obtained, seller, buyer, insider));
    planned.add(p);
    return p;
  }

  /** One of the layouts real dumps come in, drawn per dump: CSV/TSV with header, literal separators without, JSON lines. */
  private void layout(Planned pl, List<String> header, List<String> types) {
    Dump d = pl.dump;
    int k = rnd.nextInt(6);
    switch (k) {
      case 0:
        d.format = "csv";
        d.separator = ",";
        d.header = true;
        break;
      case 1:
        d.format = "tsv";
        d.separator = "\t";
        d.header = true;
        break;
      case 2:
        d.format = "delimited:----";
        d.separator = "----";
        break;
      case 3:
        d.format = "delimited:|";
        d.separator = "|";
        break;
      case 4:
        d.format = "csv";
        d.separator = ",";
        break;
      default:
        d.format = "jsonl";
    }
    d.charset = d.separator != null && rnd.nextInt(5) == 0 ? Dumps.GB18030 : StandardCharsets.UTF_8;
    d.columns = header;
    d.types = types;
  }

  /** Writes the rows (in random order) as one file of the dump, gzipped in one dump in five. */
  private void emit(Planned pl, String base, List<String[]> rows, List<String> sources) {
    Dump d = pl.dump;
    String ext = d.separator == null ? ".jsonl" : d.separator.equals(",") ? ".csv"
        : d.separator.equals("\t") ? ".tsv" : ".txt";
    boolean gz = rnd.nextInt(5) == 0;
    String eol = rnd.nextInt(3) == 0 ? "\r\n" : "\n";
    Dump.File f = new Dump.File("dumps/" + d.id + "/" + base + ext + (gz ? ".gz" : ""),
        gz ? Dump.Compression.GZIP : Dump.Compression.NONE, eol);
    if (d.header) {
      f.lines.add(new Dump.Line(d.encode(render(d, d.columns.toArray(new String[0]))), "header", null));
    }
    for (int i : Draws.permutation(rnd, rows.size())) {
      f.lines.add(new Dump.Line(d.encode(render(d, rows.get(i))), null, sources.get(i)));
    }
    d.files.add(f);
  }

  private String render(Dump d, String[] row) {
    if (d.separator == null) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        m.put(d.columns.get(i), row[i]);
      }
      try {
        return json.writeValueAsString(m);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return d.separator.length() == 1 ? Csv.line(row, d.separator.charAt(0)) : Csv.literal(row, d.separator);
  }

  // ---------------------------------------------------------------- truth

  /** The truth, recounted from the files on disk under the counting rules (a planted dirty row is a generator bug). */
  AttributionTruth truth(Path caseDir, long seed) throws IOException {
    List<AttributionTruth.PlatformTruth> pts = new ArrayList<>();
    for (Platform p : platforms) {
      Map<String, Integer> sizes = new LinkedHashMap<>();
      if (p.inReference) {
        for (LocalDate d : SNAPSHOTS) {
          sizes.put(d.toString(), p.aliveOn(d).size());
        }
      }
      pts.add(new AttributionTruth.PlatformTruth(p.id, p.sector, p.inReference, p.records.size(),
          p.inReference ? sizes : null, p.header));
    }
    List<AttributionTruth.DumpTruth> dts = new ArrayList<>();
    for (Planned pl : planned) {
      dts.add(dumpTruth(caseDir, pl));
    }
    List<String> snaps = new ArrayList<>();
    for (LocalDate d : SNAPSHOTS) {
      snaps.add(d.toString());
    }
    return new AttributionTruth(AttributionTruth.SCHEMA, CASE_ID, seed, population.persons().size(), snaps, pts,
        dts);
  }

  private AttributionTruth.DumpTruth dumpTruth(Path caseDir, Planned pl) throws IOException {
    Dump d = pl.dump;
    List<String[]> rows = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Dump.File f : d.files) {
      Reread.Result r = Reread.read(caseDir, d, f);
      Map<String, Integer> plannedReasons = new TreeMap<>();
      for (Dump.Line l : f.lines) {
        if (l.reason() != null) {
          plannedReasons.merge(l.reason(), 1, Integer::sum);
        } else {
          sources.add(l.source());
        }
      }
      if (r.linesRead() != f.lines.size() || !plannedReasons.equals(r.reasons())) {
        throw new IllegalStateException("generator bug: " + f.path + " reads back as " + r.reasons() + " in "
            + r.linesRead() + " lines, planned " + plannedReasons + " in " + f.lines.size());
      }
      rows.addAll(r.rows());
      files.add(f.path);
    }
    // Count as the job counts: rows grouped by the types they are read under (one group but for cred-list).
    Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      groups.computeIfAbsent(pl.countTypes.apply(rows.get(i)), k -> new ArrayList<>()).add(i);
    }
    Map<String, Integer> bySource = new LinkedHashMap<>();
    int counted = 0;
    for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
      List<String[]> gr = new ArrayList<>();
      List<String> gs = new ArrayList<>();
      for (int i : g.getValue()) {
        gr.add(rows.get(i));
        gs.add(sources.get(i));
      }
      Counter.DumpCount c = Counter.count(g.getKey(), d.obtained, gr, gs);
      if (c.duplicates + c.unverifiable + c.withoutIdentifier > 0) {
        throw new IllegalStateException("generator bug: " + d.id + " holds " + c.duplicates + " duplicate, "
            + c.unverifiable + " unverifiable and " + c.withoutIdentifier + " unidentifying rows; every row must count");
      }
      c.piecesBySource.forEach((k, v) -> bySource.merge(k, v, Integer::sum));
      counted += c.pieces.size();
    }
    List<AttributionTruth.Source> src = new ArrayList<>();
    for (Map.Entry<String, Integer> e : bySource.entrySet()) {
      Platform p = get(e.getKey());
      LocalDate ext = p.inReference ? pl.extraction.get(p.id) : null;
      if (p.inReference && ext == null) {
        throw new IllegalStateException("generator bug: " + d.id + " copies " + p.id + " without an extraction date");
      }
      src.add(new AttributionTruth.Source(p.inReference ? p.id : null, p.id, e.getValue(),
          round((double) e.getValue() / counted), ext == null ? null : ext.toString(), ext == null ? null : window(ext)));
    }
    src.sort(Comparator.comparingInt(AttributionTruth.Source::rows).reversed()
        .thenComparing(AttributionTruth.Source::actual));
    AttributionTruth.Source top = null;
    for (AttributionTruth.Source s : src) {
      if (s.platform() != null) {
        top = s;
        break;
      }
    }
    return new AttributionTruth.DumpTruth(d.id, d.kind, d.obtained.toString(), d.seller, d.buyer, d.insider,
        d.format, d.charset.name().toLowerCase(Locale.ROOT), d.header, files, counted,
        AttributionTruth.verdict(src), src, top == null ? null : top.extractionDate(),
        top == null ? null : top.window(), d.derivedFrom, pl.variations);
  }

  /** The reference snapshots just before and just after {@code ext}. */
  static AttributionTruth.Window window(LocalDate ext) {
    LocalDate from = before(ext);
    LocalDate to = after(ext);
    return new AttributionTruth.Window(from == null ? null : from.toString(), to == null ? null : to.toString());
  }

  /** The last snapshot on or before {@code d}, or null. */
  static LocalDate before(LocalDate d) {
    LocalDate out = null;
    for (LocalDate s : SNAPSHOTS) {
      if (!s.isAfter(d)) {
        out = s;
      }
    }
    return out;
  }

  /** The first snapshot after {@code d}, or null. */
  static LocalDate after(LocalDate d) {
    for (LocalDate s : SNAPSHOTS) {
      if (s.isAfter(d)) {
        return s;
      }
    }
    return null;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  // ---------------------------------------------------------------- random helpers

  /** Days 10-20 of the month that starts at snapshot {@code m}. */
  private LocalDate midMonth(int m) {
    return SNAPSHOTS.get(m).withDayOfMonth(10 + rnd.nextInt(11));
  }

  private LocalDate randomObtained() {
    return LocalDate.of(2020, 2, 1).plusDays(rnd.nextInt(160));
  }

  private String vendor() {
    return "vendor-" + (10 + rnd.nextInt(90));
  }

  private String buyer() {
    return "undercover-" + (1 + rnd.nextInt(3));
  }

  private List<String> sameSource(String id, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(id);
    }
    return out;
  }

  private LocalDateTime randomTime(LocalDate day) {
    return day.atTime(rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
  }

  private LocalDate randomDay(LocalDate from, LocalDate toExclusive) {
    return from.plusDays(rnd.nextLong(ChronoUnit.DAYS.between(from, toExclusive)));
  }

  private static boolean isIdentity(int[] p) {
    for (int i = 0; i < p.length; i++) {
      if (p[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static String[] select(String[] in, int[] cols) {
    String[] out = new String[cols.length];
    for (int i = 0; i < cols.length; i++) {
      out[i] = in[cols[i]];
    }
    return out;
  }

  private String branch() {
    String district = Regions.ALL.get(rnd.nextInt(Regions.ALL.size())).district();
    return Platforms.HOTEL_CHAINS[rnd.nextInt(Platforms.HOTEL_CHAINS.length)] + "("
        + district.substring(0, district.length() - 1) + "店)";
  }

  private String password() {
    int n = 6 + rnd.nextInt(7);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Platforms.PASSWORD_CHARS.charAt(rnd.nextInt(Platforms.PASSWORD_CHARS.length())));
    }
    return b.toString();
  }
}
