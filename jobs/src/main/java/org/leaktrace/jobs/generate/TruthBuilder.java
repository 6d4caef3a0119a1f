package org.leaktrace.jobs.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link Truth} from the files on disk, checked against the plan (a mismatch is a generator bug). */
final class TruthBuilder {

  private TruthBuilder() {}

  static Truth build(Path caseDir, int persons, long seed, Platforms platforms, Dumps dumps) throws IOException {
    List<Truth.PlatformTruth> pts = new ArrayList<>();
    for (Platform p : platforms.all) {
      pts.add(platform(p));
    }
    List<Truth.DumpTruth> dts = new ArrayList<>();
    // the case counts each piece once, however many dumps carry it (DESIGN.md, case_impact)
    Map<String, Counter.Piece> casePieceByContent = new LinkedHashMap<>();
    Map<String, Truth.DumpTruth> byId = new LinkedHashMap<>();
    for (Dump d : dumps.all) {
      Counter.DumpCount c = new Counter.DumpCount();
      Truth.DumpTruth t = dump(caseDir, d, platforms, dumps, c);
      dts.add(t);
      byId.put(d.id, t);
      for (Counter.Piece p : c.pieces) {
        // a minor when under 14 at any carrying dump's obtained date
        casePieceByContent.merge(p.content(), p, (a, b) -> a.minor() || !b.minor() ? a
            : new Counter.Piece(a.cls(), a.keys(), true, a.content()));
      }
    }
    List<Counter.Piece> allPieces = new ArrayList<>(casePieceByContent.values());
    long[] casePieces = new long[Counter.CLASSES.size()];
    for (Counter.Piece p : allPieces) {
      casePieces[p.cls()]++;
    }
    Counter.Components comp = Counter.components(allPieces);
    Truth.Impact impact = new Truth.Impact(comp.count, allPieces.size(), byClass(casePieces), byClass(comp.byClass));

    List<Truth.Edge> edges = List.of(
        new Truth.Edge("courier-leak", "courier-resold", "subset", "resale", byId.get("courier-resold").rowsParsed()),
        new Truth.Edge("hidden-a", "hidden-b", "overlap", "common_source", dumps.hiddenBoth));
    List<Truth.PartnerCopy> copies = new ArrayList<>();
    for (Map.Entry<String, List<String[]>> e : dumps.canaries.entrySet()) {
      copies.add(new Truth.PartnerCopy("shop-w", e.getKey(), "2020-02-10", e.getValue().size(),
          e.getKey().equals("partner-3") ? "shop-partner3" : null));
    }
    int n1 = dumps.hiddenA;
    int n2 = dumps.hiddenB;
    int m = dumps.hiddenBoth;
    double chapman = round((n1 + 1.0) * (n2 + 1.0) / (m + 1.0) - 1.0, 1);
    List<Truth.Estimate> estimates = List.of(new Truth.Estimate("hidden-v", List.of("hidden-a", "hidden-b"),
        platforms.get("hidden-v").records.size(), n1, n2, m, chapman));
    return new Truth(Truth.SCHEMA, CaseFile.CASE_ID, seed, persons, pts, dts, edges, copies, estimates, impact);
  }

  private static Truth.PlatformTruth platform(Platform p) {
    List<String> snaps = new ArrayList<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int size = p.records.size();
    if (p.inReference) {
      for (var d : Platforms.SNAPSHOTS) {
        snaps.add(d.toString());
        size = p.aliveOn(d).size();
        sizes.put(d.toString(), size);
      }
    }
    return new Truth.PlatformTruth(p.id, p.sector, p.inReference, snaps, sizes, p.records.size(), size,
        columns(p.header, p.types));
  }

  private static Truth.DumpTruth dump(Path caseDir, Dump d, Platforms platforms, Dumps dumps, Counter.DumpCount out)
      throws IOException {
    List<Truth.FileTruth> files = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    int lines = 0;
    for (Dump.File f : d.files) {
      Reread.Result r = Reread.read(caseDir, d, f);
      Map<String, Integer> planned = new TreeMap<>();
      for (Dump.Line l : f.lines) {
        if (l.reason() != null) {
          planned.merge(l.reason(), 1, Integer::sum);
        } else {
          sources.add(l.source());
        }
      }
      if (r.linesRead() != f.lines.size() || !planned.equals(r.reasons())) {
        throw new IllegalStateException("generator bug: " + f.path + " reads back as " + r.reasons()
            + " in " + r.linesRead() + " lines, planned " + planned + " in " + f.lines.size());
      }
      rows.addAll(r.rows());
      lines += r.linesRead();
      r.reasons().forEach((k, v) -> reasons.merge(k, v, Integer::sum));
      files.add(new Truth.FileTruth(f.path, f.compression.name().toLowerCase(java.util.Locale.ROOT),
          Files.size(caseDir.resolve(f.path)), r.linesRead(), r.rows().size(), r.quarantined(), r.reasons()));
    }
    Counter.DumpCount c = Counter.count(d.types, d.obtained, rows, sources);
    out.pieces.addAll(c.pieces);
    System.arraycopy(c.piecesByClass, 0, out.piecesByClass, 0, c.piecesByClass.length);

    List<Truth.Source> src = new ArrayList<>();
    long total = c.pieces.size();
    c.piecesBySource.forEach((platform, n) -> src.add(new Truth.Source(
        platforms.get(platform).inReference ? platform : null, platform, round((double) n / total, 6), n)));
    src.sort(Comparator.comparingInt(Truth.Source::rows).reversed().thenComparing(Truth.Source::actual));

    int canaryRows = d.canaryPartner == null ? 0 : dumps.canaries.get(d.canaryPartner).size();
    return new Truth.DumpTruth(d.id, d.kind, d.format, d.charset.name().toLowerCase(java.util.Locale.ROOT),
        d.bom, d.header, d.obtained.toString(), d.seller, d.buyer, d.insider, files, lines, rows.size(),
        lines - rows.size(), reasons, columns(d.columnNames(), d.types), src,
        d.extractionDate == null ? null : d.extractionDate.toString(),
        d.windowFrom == null ? null : new Truth.Window(d.windowFrom.toString(), d.windowTo.toString()),
        d.windowEvidence.isEmpty() ? null : d.windowEvidence, d.canaryPartner, canaryRows, d.derivedFrom,
        c.duplicates, c.unverifiable, c.withoutIdentifier, total, c.individuals, c.minors,
        byClass(c.piecesByClass), byClass(c.individualsByClass));
  }

  private static List<Truth.Column> columns(List<String> names, List<String> types) {
    List<Truth.Column> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      out.add(new Truth.Column(names.get(i), types.get(i)));
    }
    return out;
  }

  /** Class name → count for every class, most sensitive first. */
  private static Map<String, Long> byClass(long[] counts) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int k = 0; k < counts.length; k++) {
      m.put(Counter.CLASSES.get(k), counts[k]);
    }
    return m;
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
