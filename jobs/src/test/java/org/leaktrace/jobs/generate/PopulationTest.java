package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every person's identifiers are valid, consistent with the person, and never shared. */
class PopulationTest {

  @Test
  void identifiersAreValidConsistentAndUnique() {
    Population pop = new Population(3000, 99L);
    Set<String> ids = new HashSet<>();
    Set<String> mobiles = new HashSet<>();
    Set<String> emails = new HashSet<>();
    Set<String> cards = new HashSet<>();
    for (Person p : pop.persons()) {
      String id = p.residentId();
      assertTrue(Counter.valid("cn_resident_id", id), "valid resident ID");
      assertEquals(p.region().code(), id.substring(0, 6));
      assertEquals(p.birth(), Counter.birthDate(id));
      assertEquals(p.male(), (id.charAt(16) - '0') % 2 == 1, "sequence parity is the sex");
      assertTrue(Counter.valid("cn_mobile", p.mobile()), "valid mobile");
      assertTrue(Counter.valid("email", p.email()), "valid email");
      assertTrue(Counter.valid("bank_card", p.bankCard()), "valid card");
      assertTrue(ids.add(id) && mobiles.add(p.mobile()) && emails.add(p.email()) && cards.add(p.bankCard()),
          "identifiers unique");
    }
    for (int i = 0; i < 50; i++) {
      assertTrue(mobiles.add(pop.newMobile()), "later mobiles are new too");
    }
    Person canary = pop.outsider(3000);
    assertTrue(!ids.contains(canary.residentId()) && !mobiles.contains(canary.mobile())
        && !emails.contains(canary.email()), "outsiders share nothing with the population");
  }
}
