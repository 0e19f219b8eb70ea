package io.aami.git;

import java.time.Instant;

/** The last commit that changed the render inputs, and its commit time. */
public record InputChange(String commit, Instant time) {}
