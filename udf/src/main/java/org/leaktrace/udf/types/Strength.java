package org.leaktrace.udf.types;

/** How strongly a field type identifies one natural person (DESIGN.md, field-type table). */
public enum Strength {
  /** Unique to one person: links rows into one individual (resident ID, mobile, email, card, passport, ...). */
  STRONG,
  /** Identifies together with other fields (name, address, user id, ...): makes a row a piece, never links rows. */
  WEAK,
  /** Does not identify a person on its own (a date, an amount, a password). */
  NONE
}
