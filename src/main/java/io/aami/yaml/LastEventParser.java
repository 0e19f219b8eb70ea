package io.aami.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that remembers the last event it handed to the composer. snakeyaml's safety limits
 * (alias count, nesting depth) throw without a position, right after consuming the event that
 * broke them; its start mark is where the author has to look.
 */
final class LastEventParser implements Parser {
  private final Parser delegate;
  private Event last;

  LastEventParser(Parser delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return delegate.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public Event getEvent() {
    last = delegate.getEvent();
    return last;
  }

  /** Where the last consumed event starts; null before the first. */
  Mark lastMark() {
    return last == null ? null : last.getStartMark();
  }
}
