package io.aami.yaml;

import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that remembers the last event it handed to the composer. snakeyaml's safety limits
 * (alias count, nesting depth) throw without a position, right after consuming the event that broke
 * them; its start mark is where the author has to look. It also remembers where a tag was written
 * explicitly: the composed node only has the resolved tag, and cannot tell {@code !!binary x} or
 * {@code !!str x} from a plain scalar.
 */
final class LastEventParser implements Parser {
  private final Parser delegate;
  private Event last;
  private final Set<Integer> explicitTags = new HashSet<>();

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
    String tag =
        last instanceof ScalarEvent scalar
            ? scalar.getTag()
            : last instanceof CollectionStartEvent collection ? collection.getTag() : null;
    if (tag != null) {
      explicitTags.add(last.getStartMark().getIndex());
    }
    return last;
  }

  /** Character offsets where a node with an explicitly written tag starts. */
  Set<Integer> explicitTags() {
    return explicitTags;
  }

  /** Where the last consumed event starts; null before the first. */
  Mark lastMark() {
    return last == null ? null : last.getStartMark();
  }
}
