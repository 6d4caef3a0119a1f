package org.leaktrace.jobs.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One platform's table: its columns and its records with their lifetimes and versions. */
final class Platform {

  /** One record: alive from {@code created} until {@code deleted} (exclusive), with dated versions. */
  static final class Rec {
    final Person person;
    final LocalDate created;
    LocalDate deleted;
    private final List<LocalDate> validFrom = new ArrayList<>();
    private final List<String[]> versions = new ArrayList<>();

    Rec(Person person, LocalDate created, String[] row) {
      this.person = person;
      this.created = created;
      validFrom.add(created);
      versions.add(row);
    }

    boolean aliveOn(LocalDate d) {
      return !created.isAfter(d) && (deleted == null || deleted.isAfter(d));
    }

    /** The version valid on {@code d}: the last one whose valid_from is not after d. */
    String[] rowOn(LocalDate d) {
      int v = 0;
      for (int i = 1; i < validFrom.size(); i++) {
        if (!validFrom.get(i).isAfter(d)) {
          v = i;
        }
      }
      return versions.get(v);
    }

    String[] latest() {
      return versions.get(versions.size() - 1);
    }

    LocalDate lastChange() {
      return validFrom.get(validFrom.size() - 1);
    }

    void addVersion(LocalDate from, String[] row) {
      validFrom.add(from);
      versions.add(row);
    }

    int versionCount() {
      return versions.size();
    }
  }

  final String id;
  final String sector;
  final boolean inReference;
  final List<String> header;
  final List<String> types;
  final List<Rec> records = new ArrayList<>();

  Platform(String id, String sector, boolean inReference, List<String> header, List<String> types) {
    this.id = id;
    this.sector = sector;
    this.inReference = inReference;
    this.header = List.copyOf(header);
    this.types = List.copyOf(types);
  }

  /** Index of the first column of the given type, or -1. */
  int column(String type) {
    return types.indexOf(type);
  }

  /** Records alive on {@code d}, in creation order. */
  List<Rec> aliveOn(LocalDate d) {
    List<Rec> out = new ArrayList<>();
    for (Rec r : records) {
      if (r.aliveOn(d)) {
        out.add(r);
      }
    }
    return out;
  }
}
