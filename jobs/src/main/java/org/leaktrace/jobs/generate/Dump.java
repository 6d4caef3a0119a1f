package org.leaktrace.jobs.generate;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One dump as planned: its case-file entry, its layout, and the exact lines of each file. */
final class Dump {

  /** One physical line without its line end; {@code reason} is the intended quarantine reason (null for a row). */
  record Line(byte[] bytes, String reason, String source) {}

  /** How a file is wrapped on disk. */
  enum Compression { NONE, GZIP, ZIP }

  /** One file of the dump, relative to the case directory. */
  static final class File {
    final String path;
    final Compression compression;
    final String eol;
    final List<Line> lines = new ArrayList<>();

    File(String path, Compression compression, String eol) {
      this.path = path;
      this.compression = compression;
      this.eol = eol;
    }
  }

  final String id;
  final String kind;
  final LocalDate obtained;
  final String seller;
  final String buyer;
  final boolean insider;
  /** Truth's format name: csv, tsv, jsonl or delimited:SEP. */
  String format;
  /** The field separator, or null for JSON lines. */
  String separator;
  Charset charset;
  boolean bom;
  boolean header;
  List<String> columns;
  List<String> types;
  LocalDate extractionDate;
  LocalDate windowFrom;
  LocalDate windowTo;
  String canaryPartner;
  String derivedFrom;
  final Map<String, Integer> windowEvidence = new LinkedHashMap<>();
  final List<File> files = new ArrayList<>();

  Dump(String id, String kind, LocalDate obtained, String seller, String buyer, boolean insider) {
    this.id = id;
    this.kind = kind;
    this.obtained = obtained;
    this.seller = seller;
    this.buyer = buyer;
    this.insider = insider;
  }

  /** Column names as later stages see them: the header's, or c0..cN without a header. */
  List<String> columnNames() {
    if (header) {
      return columns;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      out.add("c" + i);
    }
    return out;
  }

  byte[] encode(String s) {
    return s.getBytes(charset);
  }
}
