package io.aami.gotemplate;

import io.aami.gotemplate.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Go {@code text/template} text as Go's parser does before anything executes: action
 * syntax, {@code if/range/with/define/block ... end} nesting, {@code else} and {@code
 * break/continue} placement, defined functions and variables in scope. Returns the first problem,
 * as Go does; linear in the text.
 */
public final class GoTemplateChecker {
  private final Set<String> functions;
  private final Set<String> predeclared;

  /**
   * @param functions the functions the executing program defines (Go's builtins included)
   * @param predeclared the variables defined before the text starts ({@code $} always is)
   */
  public GoTemplateChecker(Set<String> functions, Set<String> predeclared) {
    this.functions = Set.copyOf(functions);
    this.predeclared = Set.copyOf(predeclared);
  }

  public Optional<TemplateProblem> check(String text) {
    GoTemplateLexer.Result lexed = GoTemplateLexer.lex(text);
    if (lexed.problem() != null) {
      return Optional.of(lexed.problem());
    }
    try {
      new Run(lexed.actions(), text.length()).check();
      return Optional.empty();
    } catch (ParseError e) {
      return Optional.of(new TemplateProblem(e.offset, e.getMessage()));
    }
  }

  /** An open control structure and the number of variables in scope when it opened. */
  // sawElse is one mutable flag shared with the scope that opened it; blocks are never compared.
  @SuppressWarnings("ArrayRecordComponent")
  private record Block(
      String keyword,
      int start,
      int variablesBefore,
      List<String> savedVariables,
      boolean[] sawElse) {}

  private final class Run {
    private final List<Action> actions;
    private final int textLength;
    private final Deque<Block> blocks = new ArrayDeque<>();
    private List<String> variables = new ArrayList<>();
    private List<Token> tokens;
    private int next;

    Run(List<Action> actions, int textLength) {
      this.actions = actions;
      this.textLength = textLength;
      variables.add("$");
      variables.addAll(predeclared);
    }

    void check() {
      for (Action action : actions) {
        if (!action.comment()) {
          tokens = action.tokens().stream().toList();
          next = 0;
          action(action.start());
        }
      }
      if (!blocks.isEmpty()) {
        throw new ParseError(textLength, "unexpected EOF");
      }
    }

    private void action(int start) {
      skipSpace();
      Token first = peek();
      if (first == null) {
        throw new ParseError(start, "missing value for command");
      }
      if (!first.is(Kind.KEYWORD)) {
        pipeline(start, false, true);
        return;
      }
      next++;
      switch (first.text()) {
        case "if", "with" -> open(first, start, false);
        case "range" -> open(first, start, true);
        case "else" -> elseAction(first, start);
        case "end" -> end(first);
        case "define" -> define(first, start, false);
        case "block" -> define(first, start, true);
        case "template" -> {
          templateName(first);
          if (skipSpace() && peek() != null) {
            pipeline(start, false, false);
          }
          done();
        }
        case "break", "continue" -> {
          if (!insideRange()) {
            throw new ParseError(first.offset(), "{{" + first.text() + "}} outside {{range}}");
          }
          done();
        }
        default -> throw new ParseError(first.offset(), "unexpected " + first.quoted());
      }
    }

    private void open(Token keyword, int start, boolean range) {
      int before = variables.size();
      blocks.push(new Block(keyword.text(), start, before, null, new boolean[1]));
      pipeline(start, range, true);
    }

    private void elseAction(Token keyword, int start) {
      Block block = blocks.peek();
      if (block == null || block.savedVariables() != null || block.sawElse()[0]) {
        throw new ParseError(keyword.offset(), "unexpected {{else}}");
      }
      truncateVariables(block.variablesBefore());
      skipSpace();
      Token chained = peek();
      if (chained == null) {
        block.sawElse()[0] = true;
        return;
      }
      if (chained.is(Kind.KEYWORD) && chained.text().equals("if") && block.keyword().equals("if")) {
        next++;
        pipeline(start, false, true);
        return;
      }
      throw new ParseError(chained.offset(), "unexpected " + chained.quoted() + " in else");
    }

    private void end(Token keyword) {
      Block block = blocks.poll();
      if (block == null) {
        throw new ParseError(keyword.offset(), "unexpected {{end}}");
      }
      if (block.savedVariables() != null) {
        variables = block.savedVariables();
      } else {
        truncateVariables(block.variablesBefore());
      }
      done();
    }

    /** {@code define "name"} (top level only) or {@code block "name" pipeline}: a new template. */
    private void define(Token keyword, int start, boolean block) {
      if (!block && !blocks.isEmpty()) {
        throw new ParseError(keyword.offset(), "unexpected <define> in command");
      }
      templateName(keyword);
      if (block) {
        skipSpace();
        if (peek() == null) {
          throw new ParseError(keyword.offset(), "missing value for block");
        }
        pipeline(start, false, false);
      } else {
        done();
      }
      List<String> saved = variables;
      variables = new ArrayList<>(List.of("$"));
      blocks.push(new Block(keyword.text(), start, 1, saved, new boolean[1]));
    }

    private void templateName(Token keyword) {
      skipSpace();
      Token name = peek();
      if (name == null || !name.is(Kind.STRING)) {
        throw new ParseError(
            name == null ? keyword.offset() : name.offset(),
            "unexpected "
                + (name == null ? "end of action" : name.quoted())
                + " in "
                + keyword.text()
                + " clause");
      }
      next++;
    }

    /**
     * A pipeline: optional declarations ({@code $x :=}, {@code $i, $e :=} in range, {@code $x =}),
     * then commands separated by {@code |}; consumes to the end of the action.
     */
    private void pipeline(int start, boolean range, boolean declarations) {
      skipSpace();
      List<String> declared = new ArrayList<>();
      if (declarations) {
        declarations(range, declared);
      }
      commands(start, false);
      variables.addAll(declared);
      done();
    }

    private void declarations(boolean range, List<String> declared) {
      int mark = next;
      List<Token> names = new ArrayList<>();
      while (true) {
        Token variable = peek();
        if (variable == null || !variable.is(Kind.VARIABLE)) {
          next = mark;
          return;
        }
        next++;
        skipSpace();
        Token operator = peek();
        if (operator != null && operator.is(Kind.COMMA) && range && names.isEmpty()) {
          names.add(variable);
          next++;
          skipSpace();
          continue;
        }
        if (operator != null && (operator.is(Kind.DECLARE) || operator.is(Kind.ASSIGN))) {
          names.add(variable);
          next++;
          skipSpace();
          for (Token name : names) {
            if (operator.is(Kind.ASSIGN)) {
              requireDefined(name);
            } else {
              declared.add(name.text());
            }
          }
          return;
        }
        next = mark;
        return;
      }
    }

    /** Commands up to the end of the action, or to the closing parenthesis when {@code nested}. */
    private void commands(int start, boolean nested) {
      int stage = 1;
      while (true) {
        command(start, stage);
        Token after = peek();
        if (after == null || after.is(Kind.RIGHT_PAREN)) {
          if (nested && after == null) {
            throw new ParseError(start, "unclosed left paren");
          }
          if (!nested && after != null) {
            throw new ParseError(after.offset(), "unexpected \")\" in command");
          }
          return;
        }
        next++; // the pipe
        skipSpace();
        if (peek() == null && !nested) {
          return; // Go accepts a trailing '|' and ignores it
        }
        stage++;
      }
    }

    private void command(int start, int stage) {
      int operands = 0;
      while (true) {
        Token token = peek();
        if (token == null || token.is(Kind.PIPE) || token.is(Kind.RIGHT_PAREN)) {
          if (operands == 0) {
            throw new ParseError(
                token == null ? start : token.offset(), "missing value for command");
          }
          return;
        }
        if (operands == 0 && stage > 1 && constant(token)) {
          throw new ParseError(token.offset(), "non executable command in pipeline stage " + stage);
        }
        operand(start);
        operands++;
        Token after = peek();
        if (after != null
            && !after.is(Kind.SPACE)
            && !after.is(Kind.PIPE)
            && !after.is(Kind.RIGHT_PAREN)) {
          throw new ParseError(after.offset(), "unexpected " + after.quoted() + " in operand");
        }
        skipSpace();
      }
    }

    private void operand(int start) {
      Token term = tokens.get(next++);
      switch (term.kind()) {
        case DOT, FIELD, NUMBER, STRING, CHAR, BOOL, NIL -> {}
        case VARIABLE -> requireDefined(term);
        case IDENTIFIER -> {
          if (!functions.contains(term.text())) {
            throw new ParseError(term.offset(), "function \"" + term.text() + "\" not defined");
          }
        }
        case LEFT_PAREN -> {
          skipSpace();
          commands(start, true);
          next++; // the right parenthesis
        }
        default ->
            throw new ParseError(term.offset(), "unexpected " + term.quoted() + " in command");
      }
      boolean chainable = term.is(Kind.FIELD) || term.is(Kind.VARIABLE) || term.is(Kind.LEFT_PAREN);
      while (peek() != null && peek().is(Kind.FIELD)) {
        if (!chainable) {
          throw new ParseError(peek().offset(), "unexpected " + peek().quoted() + " in operand");
        }
        next++;
      }
    }

    private boolean constant(Token token) {
      return switch (token.kind()) {
        case BOOL, DOT, NIL, NUMBER, STRING, CHAR -> true;
        default -> false;
      };
    }

    private void requireDefined(Token variable) {
      if (!variables.contains(variable.text())) {
        throw new ParseError(variable.offset(), "undefined variable \"" + variable.text() + "\"");
      }
    }

    private boolean insideRange() {
      for (Block block : blocks) {
        if (block.savedVariables() != null) {
          return false;
        }
        if (block.keyword().equals("range")) {
          return true;
        }
      }
      return false;
    }

    private void truncateVariables(int size) {
      while (variables.size() > size) {
        variables.remove(variables.size() - 1);
      }
    }

    /** Nothing but space may follow. */
    private void done() {
      skipSpace();
      Token extra = peek();
      if (extra != null) {
        throw new ParseError(extra.offset(), "unexpected " + extra.quoted() + " in action");
      }
    }

    private boolean skipSpace() {
      boolean skipped = false;
      while (next < tokens.size() && tokens.get(next).is(Kind.SPACE)) {
        next++;
        skipped = true;
      }
      return skipped;
    }

    private Token peek() {
      return next < tokens.size() ? tokens.get(next) : null;
    }
  }

  private static final class ParseError extends RuntimeException {
    private final int offset;

    ParseError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }
}
