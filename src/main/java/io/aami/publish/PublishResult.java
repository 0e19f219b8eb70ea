package io.aami.publish;

/**
 * What publishing did. {@code swapped} is false when the directory already held exactly the site,
 * in which case nothing at all was written.
 */
public record PublishResult(SiteDiff diff, int files, boolean swapped) {}
