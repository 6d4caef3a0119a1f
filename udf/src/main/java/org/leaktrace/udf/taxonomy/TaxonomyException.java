package org.leaktrace.udf.taxonomy;

/** A taxonomy file that cannot be used: the message names the file, the key, the problem and the fix. */
public final class TaxonomyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  TaxonomyException(String message) {
    super(message);
  }

  TaxonomyException(String message, Throwable cause) {
    super(message, cause);
  }

  static TaxonomyException at(String file, String key, String problem, String fix) {
    return new TaxonomyException(
        "taxonomy " + file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem
            + (fix == null ? "" : "; " + fix));
  }
}
