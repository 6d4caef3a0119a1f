package org.leaktrace.jobs.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/** The synthetic population and the allocator of identifiers (mobiles, emails, cards) no two people ever share. */
final class Population {

  private static final int[] MOBILE_PREFIXES = {
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
    166, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 198, 199
  };
  private static final String[] EMAIL_DOMAINS = {
    "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "sohu.com", "gmail.com",
    "outlook.com", "hotmail.com"
  };
  /** UnionPay BINs of large issuers; the card length is 16 or 19. */
  private static final String[] CARD_BINS = {
    "622202", "621700", "622848", "621661", "622588", "622262", "621483", "623058", "622700", "621226"
  };
  /** Earliest birth date that makes a person under 14 at every 2020 dump date. */
  private static final LocalDate MINOR_FROM = LocalDate.of(2006, 12, 31);

  /** Size of each faker pool; drawing from pools keeps 200,000 persons fast. */
  private static final int POOL = 600;

  private final SplittableRandom rnd;
  private final String[] surnames;
  private final String[] givenNames;
  private final String[] streets;
  private final String[] userFirst;
  private final String[] userLast;
  private final Set<String> usedMobiles = new HashSet<>();
  private final Set<String> usedEmails = new HashSet<>();
  private final Set<String> usedCards = new HashSet<>();
  private final Set<String> usedIds = new HashSet<>();
  private final List<Person> persons;

  Population(int size, long seed) {
    this.rnd = new SplittableRandom(seed);
    Faker zh = new Faker(new Locale("zh", "CN"), new Random(seed));
    Faker en = new Faker(Locale.ENGLISH, new Random(seed ^ 0x5DEECE66DL));
    this.surnames = new String[POOL];
    this.givenNames = new String[POOL];
    this.streets = new String[POOL];
    this.userFirst = new String[POOL];
    this.userLast = new String[POOL];
    for (int i = 0; i < POOL; i++) {
      surnames[i] = zh.name().lastName();
      givenNames[i] = zh.name().firstName();
      streets[i] = zh.address().streetName();
      userFirst[i] = usernameChars(en.name().firstName());
      userLast[i] = usernameChars(en.name().lastName());
    }
    for (String[] pool : List.of(surnames, givenNames, streets, userFirst, userLast)) {
      for (String v : pool) {
        if (v == null || v.isBlank()) {
          throw new IllegalStateException("datafaker returned an empty name or street");
        }
      }
    }
    List<Person> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(newPerson(i));
    }
    this.persons = List.copyOf(list);
  }

  List<Person> persons() {
    return persons;
  }

  /** A fake person outside the population (a canary record): unique mobile, email and card. */
  Person outsider(int index) {
    return newPerson(index);
  }

  private Person newPerson(int index) {
    Regions.Region region = Regions.ALL.get(rnd.nextInt(Regions.ALL.size()));
    boolean male = rnd.nextBoolean();
    LocalDate birth = birthDate();
    String id = residentId(region, birth, male);
    // the draws in the order the name expression made them before the surname was kept apart
    String surname = surnames[rnd.nextInt(POOL)];
    String given = givenNames[rnd.nextInt(POOL)];
    return new Person(index, surname + given, id, male, birth, region, newMobile(), newEmail(), newCard(),
        newAddress(region), surname);
  }

  /** About 10% are under 14 in 2020; the rest are born 1950..2005. */
  private LocalDate birthDate() {
    LocalDate from;
    LocalDate to;
    if (rnd.nextInt(10) == 0) {
      from = MINOR_FROM;
      to = LocalDate.of(2019, 12, 31);
    } else {
      from = LocalDate.of(1950, 1, 1);
      to = LocalDate.of(2005, 12, 31);
    }
    return from.plusDays(rnd.nextLong(to.toEpochDay() - from.toEpochDay() + 1));
  }

  /** Region + birth date + a sequence whose parity is the sex + the MOD 11-2 check character. */
  private String residentId(Regions.Region region, LocalDate birth, boolean male) {
    String birthPart = birth.getYear() + Csv.pad(birth.getMonthValue(), 2) + Csv.pad(birth.getDayOfMonth(), 2);
    while (true) {
      int seq = rnd.nextInt(500) * 2 + (male ? 1 : 0);
      StringBuilder b = new StringBuilder(18).append(region.code()).append(birthPart)
          .append(Csv.pad(seq, 3));
      String id = b.append(Checks.idCheckChar(b)).toString();
      if (usedIds.add(id)) {
        return id;
      }
    }
  }

  /** A mainland mobile from a real allocated range, never handed out before. */
  String newMobile() {
    while (true) {
      int prefix = MOBILE_PREFIXES[rnd.nextInt(MOBILE_PREFIXES.length)];
      String m = prefix + Csv.pad(rnd.nextInt(100_000_000), 8);
      if (usedMobiles.add(m)) {
        return m;
      }
    }
  }

  /** An English-style username at a common domain, never handed out before. */
  String newEmail() {
    while (true) {
      String first = userFirst[rnd.nextInt(POOL)];
      String last = userLast[rnd.nextInt(POOL)];
      int style = rnd.nextInt(4);
      String user = style == 0 ? first + "." + last : style == 1 ? first + last
          : style == 2 ? first.charAt(0) + last : first + "_" + last;
      if (first.isEmpty() || last.isEmpty() || rnd.nextBoolean()) {
        user = user + rnd.nextInt(10, 10_000);
      }
      String e = user + "@" + EMAIL_DOMAINS[rnd.nextInt(EMAIL_DOMAINS.length)];
      if (usedEmails.add(e)) {
        return e;
      }
    }
  }

  /** Keeps the characters of a plain email username: lower-case letters, digits, dot, underscore. */
  private static String usernameChars(String raw) {
    StringBuilder b = new StringBuilder(raw.length());
    for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || Checks.isDigit(c) || c == '.' || c == '_') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A UnionPay card number (16 or 19 digits) with a valid Luhn digit, never handed out before. */
  String newCard() {
    while (true) {
      int length = rnd.nextBoolean() ? 16 : 19;
      StringBuilder b = new StringBuilder(length).append(CARD_BINS[rnd.nextInt(CARD_BINS.length)]);
      while (b.length() < length - 1) {
        b.append((char) ('0' + rnd.nextInt(10)));
      }
      String card = b.append(Checks.luhnDigit(b)).toString();
      if (usedCards.add(card)) {
        return card;
      }
    }
  }

  /** A postal address in the region: province, city, district, a faker street, number, flat. */
  String newAddress(Regions.Region region) {
    String city = region.province().equals(region.city()) ? "" : region.city();
    return region.province() + city + region.district() + streets[rnd.nextInt(POOL)]
        + (1 + rnd.nextInt(300)) + "号" + (1 + rnd.nextInt(30)) + "栋" + (101 + rnd.nextInt(2400)) + "室";
  }
}
