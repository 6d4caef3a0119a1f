package org.leaktrace.udf.fields;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The shipped list of common Chinese surnames ({@code surnames.txt}) and their romanizations, loaded once. */
final class Surnames {

  private static final String RESOURCE = "surnames.txt";

  private static final Surnames INSTANCE = load();

  private final Set<String> single;
  private final Set<String> compound;
  private final Set<String> romanized;

  private Surnames(Set<String> single, Set<String> compound, Set<String> romanized) {
    this.single = Set.copyOf(single);
    this.compound = Set.copyOf(compound);
    this.romanized = Set.copyOf(romanized);
  }

  static Surnames instance() {
    return INSTANCE;
  }

  /** Length in chars of the known surname that starts the Han name (2 for 欧阳), or 0. */
  int prefixLength(String han) {
    if (han.length() >= 2 && compound.contains(han.substring(0, 2))) {
      return 2;
    }
    return !han.isEmpty() && single.contains(han.substring(0, 1)) ? 1 : 0;
  }

  boolean compound(String han) {
    return compound.contains(han);
  }

  /** True for a romanized surname in any case ({@code Zhang}, {@code CHAN}). */
  boolean romanized(String token) {
    return romanized.contains(token.toLowerCase(Locale.ROOT));
  }

  private static Surnames load() {
    Set<String> single = new HashSet<>();
    Set<String> compound = new HashSet<>();
    Set<String> romanized = new HashSet<>();
    try (InputStream in = Surnames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the udf jar: " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] parts = l.split("\\s+");
        (parts[0].length() == 1 ? single : compound).add(parts[0]);
        for (int i = 1; i < parts.length; i++) {
          romanized.add(parts[i].toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new Surnames(single, compound, romanized);
  }
}
