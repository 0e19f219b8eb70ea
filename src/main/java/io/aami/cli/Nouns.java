package io.aami.cli;

import io.aami.author.DocumentKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The authoring nouns ({@code aami template ...}): each names its kind and its verbs. show, list
 * and delete are one class each for every noun, told the kind by their parent command.
 */
final class Nouns {
  private Nouns() {}

  /** A noun command: the verbs below it act on documents of {@link #kind()}. */
  @Command(
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:success",
        "1:not found, refused or the repository would be invalid",
        "2:usage error",
        "3:I/O or internal error"
      })
  abstract static class Noun implements Runnable {
    @Spec CommandSpec spec;

    abstract DocumentKind kind();

    @Override
    public void run() {
      throw new ParameterException(
          spec.commandLine(), "Missing command; see 'aami " + kind().noun() + " --help'.");
    }
  }

  @Command(
      name = "template",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list, update and delete ScriptTemplates (the seed's /script-templates API) "
              + "by editing the repository's files.",
      subcommands = {
        TemplateCreateCommand.class,
        ShowVerb.class,
        ListVerb.class,
        TemplateUpdateCommand.class,
        DeleteVerb.class
      })
  static final class Template extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.SCRIPT_TEMPLATE;
    }
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list, update and delete ScriptPolicies (the seed's /script-policies API) "
              + "by editing the repository's files.",
      subcommands = {
        PolicyCreateCommand.class,
        ShowVerb.class,
        ListVerb.class,
        PolicyUpdateCommand.class,
        DeleteVerb.class
      })
  static final class Policy extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.SCRIPT_POLICY;
    }
  }

  @Command(
      name = "alert-template",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list, update and delete AlertTemplates by editing the repository's files.",
      subcommands = {
        AlertTemplateCreateCommand.class,
        ShowVerb.class,
        ListVerb.class,
        AlertTemplateUpdateCommand.class,
        DeleteVerb.class
      })
  static final class AlertTemplate extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.ALERT_TEMPLATE;
    }
  }

  @Command(
      name = "alert-rule",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list, update and delete AlertRules by editing the repository's files.",
      subcommands = {
        AlertRuleCreateCommand.class,
        ShowVerb.class,
        ListVerb.class,
        AlertRuleUpdateCommand.class,
        DeleteVerb.class
      })
  static final class AlertRule extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.ALERT_RULE;
    }
  }

  @Command(
      name = "group",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list and delete Groups of the inventory by editing the repository's files.",
      subcommands = {GroupCreateCommand.class, ShowVerb.class, ListVerb.class, DeleteVerb.class})
  static final class Group extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.GROUP;
    }
  }

  @Command(
      name = "target",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Create, show, list and delete Targets of the inventory by editing the repository's files.",
      subcommands = {TargetCreateCommand.class, ShowVerb.class, ListVerb.class, DeleteVerb.class})
  static final class Target extends Noun {
    @Override
    DocumentKind kind() {
      return DocumentKind.TARGET;
    }
  }
}
