package io.aami.resolve;

import static io.aami.testing.TestRepo.docs;
import static io.aami.testing.TestRepo.group;
import static io.aami.testing.TestRepo.policy;
import static io.aami.testing.TestRepo.target;
import static io.aami.testing.TestRepo.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmbiguityCheckTest {
  @TempDir Path tmp;

  private TestRepo repo(String policies, String targets) {
    return new TestRepo(tmp)
        .file("templates/mount.yaml", template("mount", "{}"))
        .file("inventory/groups.yaml", docs(group("a", 10), group("b", 10), group("c", 20)))
        .file("policies/p.yaml", policies)
        .file("inventory/t.yaml", targets);
  }

  private static List<Diagnostic> check(TestRepo repo) {
    return AmbiguityCheck.check(repo.load());
  }

  @Test
  void twoPoliciesOfOneGroupWithEqualPriorityTieOnEveryTargetOfTheGroup() {
    List<Diagnostic> found =
        check(
            repo(
                docs(policy("first", "a", "mount", ""), policy("second", "a", "mount", "")),
                docs(target("n2", "a"), target("n1", "a"), target("n3", "a", "b"))));
    assertEquals(1, found.size(), found.toString());
    Diagnostic d = found.get(0);
    assertEquals(Severity.ERROR, d.severity());
    assertEquals(Code.AMBIGUOUS_POLICY.id(), d.code());
    assertEquals("policies/p.yaml", d.file());
    assertEquals(8, d.line(), "located at the policy declared second (line 7 is the ---)");
    assertEquals(
        "policies 'first' (policies/p.yaml:1:1) and 'second' tie for check 'mount' on target "
            + "'n1' and 2 other targets: same group level (group a, group priority 10) and same priority "
            + "100; raise one policy's priority or one group's priority",
        d.message());
  }

  @Test
  void policiesOfTwoEqualGroupsTieOnlyForTargetsInBoth() {
    TestRepo r =
        repo(
            docs(policy("in-a", "a", "mount", ""), policy("in-b", "b", "mount", "")),
            docs(target("only-a", "a"), target("only-b", "b"), target("both", "b", "a")));
    List<Diagnostic> found = check(r);
    assertEquals(1, found.size(), found.toString());
    assertTrue(
        found.get(0).message().contains("on target 'both': same group level (groups a and b"),
        found.get(0).message());
  }

  @Test
  void groupPriorityOrPolicyPriorityResolvesIt() {
    assertEquals(
        List.of(),
        check(
            repo(
                docs(policy("in-a", "a", "mount", ""), policy("in-c", "c", "mount", "")),
                target("t", "a", "c"))),
        "group c has the higher group priority");
    assertEquals(
        List.of(),
        check(
            repo(
                docs(
                    policy("in-a", "a", "mount", "priority: 101\n"),
                    policy("in-b", "b", "mount", "")),
                target("t", "a", "b"))));
  }

  @Test
  void globalTieIsReportedOnceWithEveryAffectedTargetCounted() {
    List<Diagnostic> found =
        check(
            repo(
                docs(policy("g1", null, "mount", ""), policy("g2", null, "mount", "")),
                docs(target("x1", "a"), target("x2", "b"), target("x3"), target("x4", "a", "c"))));
    assertEquals(1, found.size(), found.toString());
    assertTrue(
        found.get(0).message().contains("on target 'x1' and 3 other targets: same global level"),
        found.get(0).message());
  }

  @Test
  void aGroupPolicyHidesAGlobalTie() {
    List<Diagnostic> found =
        check(
            repo(
                docs(
                    policy("g1", null, "mount", ""),
                    policy("g2", null, "mount", ""),
                    policy("in-a", "a", "mount", "")),
                docs(target("in-group", "a"), target("elsewhere", "b"))));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("on target 'elsewhere':"), found.get(0).message());
  }

  @Test
  void tiesBelowTheWinnerAndInactivePoliciesAreNotAmbiguities() {
    assertEquals(
        List.of(),
        check(
            repo(
                docs(
                    policy("winner", "a", "mount", "priority: 300\n"),
                    policy("lose-1", "a", "mount", ""),
                    policy("lose-2", "a", "mount", ""),
                    policy("inactive-peer", "a", "mount", "priority: 300\nis_active: false\n")),
                target("t", "a"))));
  }

  @Test
  void threeWayTieNamesTheFirstAgainstEachOther() {
    List<Diagnostic> found =
        check(
            repo(
                docs(
                    policy("p1", "a", "mount", ""),
                    policy("p2", "a", "mount", ""),
                    policy("p3", "a", "mount", "")),
                target("t", "a")));
    assertEquals(List.of(8, 15), found.stream().map(Diagnostic::line).toList());
    assertTrue(found.get(1).message().startsWith("policies 'p1' (policies/p.yaml:1:1) and 'p3'"));
  }

  @Test
  void policiesWithAnUnknownTemplateAreSkipped() {
    assertEquals(
        List.of(),
        check(
            repo(
                docs(policy("p1", "a", "mount", ""), policy("p2", "a", "nope", "")),
                target("t", "a"))));
  }
}
