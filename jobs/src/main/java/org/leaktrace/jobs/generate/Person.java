package org.leaktrace.jobs.generate;

import java.time.LocalDate;

/** One synthetic person; every identifier is unique across the population; {@code name} starts with {@code surname}. */
record Person(
    int index,
    String name,
    String residentId,
    boolean male,
    LocalDate birth,
    Regions.Region region,
    String mobile,
    String email,
    String bankCard,
    String address,
    String surname) {}
