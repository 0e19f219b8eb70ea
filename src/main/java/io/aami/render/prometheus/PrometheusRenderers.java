package io.aami.render.prometheus;

import io.aami.render.SiteRenderer;
import java.util.List;

/** The Prometheus part of the published site, for registration with the render service. */
public final class PrometheusRenderers {
  private PrometheusRenderers() {}

  public static List<SiteRenderer> all() {
    return List.of(
        new PrometheusRuleFileRenderer(),
        new PrometheusRuleCrdRenderer(),
        new MimirRuleNamespaceRenderer(),
        new GlobalRulesRenderer(),
        new FileSdRenderer());
  }
}
