package io.aami.gotemplate;

/** A problem of a Go template text, at a character offset of that text (Go reports the same). */
public record TemplateProblem(int offset, String message) {}
