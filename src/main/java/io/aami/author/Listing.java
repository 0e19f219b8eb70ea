package io.aami.author;

import java.util.List;

/** One page of a kind's documents, paged like the seed API ({@code ?page=1&limit=20}). */
public record Listing(DocumentKind kind, List<Entry> items, int page, int limit, int total) {
  public Listing {
    items = List.copyOf(items);
  }

  public int pages() {
    return Math.max(1, (total + limit - 1) / limit);
  }
}
